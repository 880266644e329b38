# Native build: libraries, Catch2 test executables, and a ctest entry for every test suite of the project
# (native C++, the same core tests as wasm under node, serve.py, catalogue data, browser journeys, fuzz).
find_package(Catch2 2 REQUIRED)
include(Catch)
enable_testing()

set(PASAR_TEST_DEFS PASAR_FIXTURES_DIR="${CMAKE_SOURCE_DIR}/tests/fixtures" PASAR_ASSETS_DIR="${CMAKE_SOURCE_DIR}/assets")

file(GLOB PASAR_CORE_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/core/*.cpp")
if(PASAR_CORE_TEST_SOURCES)
  add_executable(pasar_core_tests ${PASAR_CORE_TEST_SOURCES})
  target_link_libraries(pasar_core_tests PRIVATE pasar_core Catch2::Catch2)
  target_compile_definitions(pasar_core_tests PRIVATE ${PASAR_TEST_DEFS})
  catch_discover_tests(pasar_core_tests TEST_PREFIX "native/")
endif()

file(GLOB PASAR_APP_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/app/*.cpp")
if(PASAR_APP_TEST_SOURCES)
  file(GLOB PASAR_PLATFORM_NATIVE CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/*_native.cpp")
  add_executable(pasar_app_tests ${PASAR_APP_TEST_SOURCES} ${PASAR_PLATFORM_NATIVE})
  target_link_libraries(pasar_app_tests PRIVATE pasar_ui Catch2::Catch2)
  target_include_directories(pasar_app_tests PRIVATE "${PASAR_GEN}")
  target_compile_definitions(pasar_app_tests PRIVATE ${PASAR_TEST_DEFS})
  catch_discover_tests(pasar_app_tests TEST_PREFIX "app/")
endif()

# The core tests again, compiled to wasm by the emscripten build (tools/build.sh builds it first).
add_test(NAME wasm/core_tests
  COMMAND node --no-experimental-fetch "${PASAR_EM_BUILD_DIR}/pasar_core_tests.js" --reporter compact)
set_tests_properties(wasm/core_tests PROPERTIES WORKING_DIRECTORY "${PASAR_EM_BUILD_DIR}")

find_program(PASAR_PYTHON NAMES python3 REQUIRED)
foreach(suite server catalog)
  file(GLOB suite_tests CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/${suite}/test_*.py")
  foreach(t ${suite_tests})
    get_filename_component(n "${t}" NAME_WE)
    if(EXISTS "${CMAKE_SOURCE_DIR}/tests/${suite}/__init__.py")
      add_test(NAME py/${suite}/${n} COMMAND "${PASAR_PYTHON}" -m unittest -v "tests.${suite}.${n}")
    else()  # a folder of scripts importing their siblings: discover from inside it
      add_test(NAME py/${suite}/${n} COMMAND "${PASAR_PYTHON}" -m unittest discover -v -s "tests/${suite}" -p "${n}.py")
    endif()
    set_tests_properties(py/${suite}/${n} PROPERTIES WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" TIMEOUT 900)
  endforeach()
endforeach()

file(GLOB PASAR_BROWSER_TESTS CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/browser/*.test.mjs")
foreach(t ${PASAR_BROWSER_TESTS})
  get_filename_component(n "${t}" NAME)
  string(REPLACE ".test.mjs" "" n "${n}")
  add_test(NAME browser/${n} COMMAND node --test --test-reporter=spec "${t}")
  set_tests_properties(browser/${n} PROPERTIES WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" TIMEOUT 900
    ENVIRONMENT "PASAR_WEB_DIR=${PASAR_WEB_OUT};PASAR_ARTIFACTS=${CMAKE_SOURCE_DIR}/build/artifacts;PASAR_APPS_JSON=${PASAR_APPS_JSON};PASAR_EM_BUILD_DIR=${PASAR_EM_BUILD_DIR}")
endforeach()

# The apps of cmake/apps.cmake: their names on the phone and their workers (node:test, no browser).
file(GLOB PASAR_WEB_TESTS CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/web/*.test.mjs")
foreach(t ${PASAR_WEB_TESTS})
  get_filename_component(n "${t}" NAME)
  string(REPLACE ".test.mjs" "" n "${n}")
  add_test(NAME web/${n} COMMAND node --test --test-reporter=spec "${t}")
  set_tests_properties(web/${n} PROPERTIES WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" TIMEOUT 300
    ENVIRONMENT "PASAR_WEB_DIR=${PASAR_WEB_OUT};PASAR_APPS_JSON=${PASAR_APPS_JSON}")
endforeach()

if(EXISTS "${CMAKE_SOURCE_DIR}/tests/fuzz/run.sh")
  add_test(NAME fuzz/short_runs COMMAND bash "${CMAKE_SOURCE_DIR}/tests/fuzz/run.sh" "${CMAKE_BINARY_DIR}/fuzz" 5)
  set_tests_properties(fuzz/short_runs PROPERTIES WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" TIMEOUT 900)
endif()

# Benchmarks (bench/): built on demand by bench/run.sh, never part of the test run.
if(EXISTS "${CMAKE_SOURCE_DIR}/cmake/bench_native.cmake")
  include("${CMAKE_SOURCE_DIR}/cmake/bench_native.cmake")
endif()
