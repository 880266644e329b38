# Native micro-benchmarks (bench/), built on demand by bench/run.sh (`--target pasar_bench_native`), never
# by the default build or the tests. Same flags as the native build type; the core library is shared.
set(PASAR_BENCH_NATIVE_TARGETS "")

add_executable(pasar_bench_search EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/bench_search.cpp")
target_link_libraries(pasar_bench_search PRIVATE pasar_core)
target_compile_options(pasar_bench_search PRIVATE ${PASAR_WARNINGS})
list(APPEND PASAR_BENCH_NATIVE_TARGETS pasar_bench_search)

# The core helper's search/decode benchmark, when it exists (bench/bench_core.cpp has its own main).
if(EXISTS "${CMAKE_SOURCE_DIR}/bench/bench_core.cpp")
  add_executable(pasar_bench_core EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/bench/bench_core.cpp")
  target_link_libraries(pasar_bench_core PRIVATE pasar_core)
  target_compile_definitions(pasar_bench_core PRIVATE PASAR_ASSETS_DIR="${CMAKE_SOURCE_DIR}/assets")
  list(APPEND PASAR_BENCH_NATIVE_TARGETS pasar_bench_core)
endif()

add_custom_target(pasar_bench_native DEPENDS ${PASAR_BENCH_NATIVE_TARGETS})
