# Web benchmark targets (bench/), built on demand by bench/run.sh (`--target pasar_bench_web`), never by ALL:
#   pasar_bench_empty  the stack's floor: an empty ImGui app with our WebGL renderer and the app's exact
#                      compile and link flags, assembled with its own page into bench/web-empty/ (+ .gz, .br)
#   pasar_bench_named  the app linked again with --profiling-funcs (function names kept) for the wasm
#                      size breakdown; same code, same flags otherwise
#   pasar_bench_search_wasm, pasar_bench_heap_wasm (and pasar_bench_core_wasm when bench/bench_core.cpp
#                      exists): micro-benchmarks run under `node --no-experimental-fetch`, compiled with
#                      the app's -Oz -flto so they measure what the phone runs
set(PASAR_BENCH_OUT "${CMAKE_BINARY_DIR}/bench")
set(PASAR_BENCH_NODE_LINK -Oz -flto -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=16777216 -sTOTAL_STACK=262144 -sASSERTIONS=0)

add_executable(pasar_bench_empty EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/empty_app.cpp" ${PASAR_GFX_SOURCES})
target_link_libraries(pasar_bench_empty PRIVATE pasar_imgui)
target_include_directories(pasar_bench_empty PRIVATE "${CMAKE_SOURCE_DIR}/src" "${PASAR_GEN}")
target_compile_options(pasar_bench_empty PRIVATE ${PASAR_WEB_COMPILE})
target_link_options(pasar_bench_empty PRIVATE ${PASAR_WEB_LINK})
set_target_properties(pasar_bench_empty PROPERTIES OUTPUT_NAME empty_app SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${PASAR_BENCH_OUT}/empty-build")
add_dependencies(pasar_bench_empty pasar_generated)

set(PASAR_BENCH_EMPTY_WEB "${PASAR_BENCH_OUT}/web-empty")
add_custom_command(OUTPUT "${PASAR_BENCH_OUT}/web-empty.stamp"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${PASAR_BENCH_EMPTY_WEB}"
  COMMAND ${CMAKE_COMMAND} -E copy "${CMAKE_SOURCE_DIR}/bench/empty_index.html" "${PASAR_BENCH_EMPTY_WEB}/index.html"
  COMMAND ${CMAKE_COMMAND} -E copy "${CMAKE_SOURCE_DIR}/bench/empty_shell.js" "${PASAR_BENCH_EMPTY_WEB}"
  COMMAND ${CMAKE_COMMAND} -E copy "${PASAR_BENCH_OUT}/empty-build/empty_app.js" "${PASAR_BENCH_OUT}/empty-build/empty_app.wasm"
          "${PASAR_BENCH_EMPTY_WEB}"
  COMMAND gzip -9 -n -k -f "${PASAR_BENCH_EMPTY_WEB}/index.html" "${PASAR_BENCH_EMPTY_WEB}/empty_shell.js"
          "${PASAR_BENCH_EMPTY_WEB}/empty_app.js"
          "${PASAR_BENCH_EMPTY_WEB}/empty_app.wasm"
  COMMAND brotli -q 11 -n -k -f "${PASAR_BENCH_EMPTY_WEB}/index.html" "${PASAR_BENCH_EMPTY_WEB}/empty_shell.js"
          "${PASAR_BENCH_EMPTY_WEB}/empty_app.js" "${PASAR_BENCH_EMPTY_WEB}/empty_app.wasm"
  COMMAND ${CMAKE_COMMAND} -E touch "${PASAR_BENCH_OUT}/web-empty.stamp"
  DEPENDS pasar_bench_empty "${CMAKE_SOURCE_DIR}/bench/empty_index.html" "${CMAKE_SOURCE_DIR}/bench/empty_shell.js"
  VERBATIM)
add_custom_target(pasar_bench_empty_web DEPENDS "${PASAR_BENCH_OUT}/web-empty.stamp")

add_executable(pasar_bench_named EXCLUDE_FROM_ALL ${PASAR_PLATFORM_WEB} ${PASAR_GFX_SOURCES})
target_link_libraries(pasar_bench_named PRIVATE pasar_ui)
target_include_directories(pasar_bench_named PRIVATE "${PASAR_GEN}")
target_compile_options(pasar_bench_named PRIVATE ${PASAR_WEB_COMPILE})
target_link_options(pasar_bench_named PRIVATE ${PASAR_WEB_LINK} --profiling-funcs)
set_target_properties(pasar_bench_named PROPERTIES OUTPUT_NAME pasar SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${PASAR_BENCH_OUT}/named")
add_dependencies(pasar_bench_named pasar_generated)

set(PASAR_BENCH_WEB_TARGETS pasar_bench_empty_web pasar_bench_named)
foreach(name search heap core)
  if(EXISTS "${CMAKE_SOURCE_DIR}/bench/bench_${name}.cpp")
    add_executable(pasar_bench_${name}_wasm EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/bench_${name}.cpp")
    target_link_libraries(pasar_bench_${name}_wasm PRIVATE pasar_core)
    target_compile_definitions(pasar_bench_${name}_wasm PRIVATE PASAR_ASSETS_DIR="${CMAKE_SOURCE_DIR}/assets")
    target_compile_options(pasar_bench_${name}_wasm PRIVATE ${PASAR_WEB_COMPILE})
    target_link_options(pasar_bench_${name}_wasm PRIVATE ${PASAR_BENCH_NODE_LINK})
    set_target_properties(pasar_bench_${name}_wasm PROPERTIES OUTPUT_NAME bench_${name} SUFFIX ".js"
      RUNTIME_OUTPUT_DIRECTORY "${PASAR_BENCH_OUT}/node")
    list(APPEND PASAR_BENCH_WEB_TARGETS pasar_bench_${name}_wasm)
  endif()
endforeach()

add_custom_target(pasar_bench_web DEPENDS ${PASAR_BENCH_WEB_TARGETS})
