# Web build: the app and the core tests as wasm. Release flags aim small (-Oz, LTO).
set(PASAR_WEB_COMPILE -Oz -flto)
# --closure 1 minifies the glue JS (tools/build.sh points EM_CLOSURE_COMPILER at the pinned npm closure compiler)
# and renames whatever it is not told to keep: names shared between pasar.js and the page's scripts are quoted
# on both sides (window['pasarShell']['x'] in EM_JS, Module['x'] exports). FS and IDBFS members are renamed
# too, so the page never touches FS: src/platform/store_fs_post.js is compiled in with them (each app's --post-js) and
# gives the store a small API under a kept name, Module['pasarFs'].
set(PASAR_STORE_FS_JS "${CMAKE_SOURCE_DIR}/src/platform/store_fs_post.js")
# --platform=native: the npm package's own linux binary; without it Emscripten silently falls back to Java.
set(PASAR_WEB_LINK -Oz -flto --closure 1 --closure-args=--platform=native
  -sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16777216 -sTOTAL_STACK=262144
  -sMIN_WEBGL_VERSION=1 -sMAX_WEBGL_VERSION=2 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_SUPPORT_SIMPLE_ENABLE_EXTENSIONS=0
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString,stringToUTF8,lengthBytesUTF8,HEAPU8
  -sASSERTIONS=0 -sDYNAMIC_EXECUTION=0 -sTEXTDECODER=2 -sSUPPORT_LONGJMP=0
  # The store uses FS and IDBFS from JavaScript only (the post-js), so nothing in the wasm pulls them in.
  -sFORCE_FILESYSTEM=1 -lidbfs.js)

foreach(t pasar_core pasar_app pasar_imgui pasar_ui)
  target_compile_options(${t} PRIVATE ${PASAR_WEB_COMPILE})
endforeach()

file(GLOB PASAR_PLATFORM_WEB CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/*_web.cpp")
file(GLOB PASAR_GFX_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/gfx/*.cpp")

# One executable per app of cmake/apps.cmake, each linking only its own LIBS: the buyer's is `pasar`, another
# app's `pasar_<id>`; every one is called pasar.js + pasar.wasm in its own folder (build/em/app/<id>/), so
# one shell template serves them all.
set(PASAR_APP_TARGETS "")
foreach(id ${PASAR_APPS})
  if(id STREQUAL "buyer")
    set(target pasar)
  else()
    set(target pasar_${id})
  endif()
  add_executable(${target} ${PASAR_PLATFORM_WEB} ${PASAR_GFX_SOURCES})
  target_link_libraries(${target} PRIVATE ${PASAR_APP_${id}_LIBS})
  target_include_directories(${target} PRIVATE "${PASAR_GEN}")
  target_compile_options(${target} PRIVATE ${PASAR_WEB_COMPILE} ${PASAR_WARNINGS})
  target_link_options(${target} PRIVATE ${PASAR_WEB_LINK} --post-js "${PASAR_STORE_FS_JS}")
  set_target_properties(${target} PROPERTIES OUTPUT_NAME pasar SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/app/${id}" LINK_DEPENDS "${PASAR_STORE_FS_JS}")
  add_dependencies(${target} pasar_generated)
  list(APPEND PASAR_APP_TARGETS ${target})
endforeach()

# Assemble the served folder: each app's shell and wasm in its folder, the shared catalogue and icons;
# stamp each app's service worker; precompress text and wasm (.br and .gz siblings).
file(GLOB_RECURSE PASAR_WEB_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
file(GLOB_RECURSE PASAR_CATALOG_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/assets/catalog/*.json")
# Then the static pages of the embedded catalogue (/pasar/..., /produk/...) and their preview cards, by the
# same module serve.py runs (server/pages.py; cards are redrawn only when their SVG text changed).
find_program(PASAR_WEB_PYTHON NAMES python3 REQUIRED)
add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/web.stamp"
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR} -DAPP=${CMAKE_BINARY_DIR}/app -DOUT=${PASAR_WEB_OUT}
          -DCONFIG=${PASAR_APPS_CONFIG} -P "${CMAKE_SOURCE_DIR}/tools/assemble_web.cmake"
  COMMAND "${PASAR_WEB_PYTHON}" -m server.pages --catalog-dir "${CMAKE_SOURCE_DIR}/assets/catalog"
          --out "${PASAR_WEB_OUT}"
  COMMAND ${CMAKE_COMMAND} -E touch "${CMAKE_BINARY_DIR}/web.stamp"
  WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
  DEPENDS ${PASAR_APP_TARGETS} ${PASAR_WEB_FILES} ${PASAR_CATALOG_FILES} "${PASAR_APPS_CONFIG}"
          "${CMAKE_SOURCE_DIR}/tools/assemble_web.cmake" "${CMAKE_SOURCE_DIR}/server/pages.py"
          "${CMAKE_SOURCE_DIR}/server/previews.py")
add_custom_target(pasar_web ALL DEPENDS "${CMAKE_BINARY_DIR}/web.stamp")

# Core tests as wasm. Catch2 needs exception catching, so the core is compiled again with it turned on.
file(GLOB PASAR_CORE_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/core/*.cpp")
if(PASAR_CORE_TEST_SOURCES)
  add_executable(pasar_core_tests ${PASAR_CORE_SOURCES} ${PASAR_CORE_TEST_SOURCES})
  target_include_directories(pasar_core_tests PRIVATE "${CMAKE_SOURCE_DIR}/src")
  target_link_libraries(pasar_core_tests PRIVATE pasar_json pasar_catch2)
  target_compile_definitions(pasar_core_tests PRIVATE
    PASAR_FIXTURES_DIR="${CMAKE_SOURCE_DIR}/tests/fixtures" PASAR_ASSETS_DIR="${CMAKE_SOURCE_DIR}/assets")
  target_compile_options(pasar_core_tests PRIVATE -O1 -fexceptions)
  target_link_options(pasar_core_tests PRIVATE -O1 -fexceptions -sASSERTIONS=1 --profiling-funcs -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=1
    -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sTOTAL_STACK=1048576)
  set_target_properties(pasar_core_tests PROPERTIES SUFFIX ".js")
endif()

# Benchmark targets for the web build (bench/): the empty ImGui baseline app and wasm micro-benchmarks.
if(EXISTS "${CMAKE_SOURCE_DIR}/cmake/bench_web.cmake")
  include("${CMAKE_SOURCE_DIR}/cmake/bench_web.cmake")
endif()
