# Assembles the served folder (OUT) from the shell (SRC/web), each app's built pasar.js + pasar.wasm
# (APP/<id>/) and the catalogue, for every app of CONFIG (apps_config.cmake, written by cmake/apps.cmake):
#   OUT/                 the buyer (PATH ""): its shell, its wasm, its manifest, its sw.js
#   OUT/<path>           every other app the same way (e.g. OUT/lapak/)
#   OUT/data/            the one shared catalogue
# The shell's index.html, manifest.webmanifest and sw.js are templates: @APP_...@ becomes the app's values
# and sw.js's VERSION a hash of what that app caches. Then a brotli -q 11 sibling (name.br) and a gzip -9
# sibling (name.gz) for every compressible file; serve.py sends the .br to clients that accept br (every
# current browser), else the .gz. brotli comes from Debian (tools/setup.sh).
cmake_minimum_required(VERSION 3.20)  # script mode: IN_LIST and today's policies
include("${CONFIG}")
# What each app's sw.js precaches besides icons and the catalogue, and so what its VERSION hashes.
set(SHELL_FILES pasar.js pasar.wasm index.html boot.js pasar_store.js pasar_mirror.js pasar_shell.js
    pwa.js pasar.css manifest.webmanifest)

# Writes `text` to `out` only when it differs, so an unchanged file keeps its time and its .br/.gz.
function(write_if_different out text)
  file(WRITE "${out}.tmp" "${text}")
  file(COPY_FILE "${out}.tmp" "${out}" ONLY_IF_DIFFERENT)
  file(REMOVE "${out}.tmp")
endfunction()

# The served scripts drop their whole-line comments (web/ keeps them): a phone downloads code, not the
# essays. Only lines that hold nothing but a // comment go, so no string is touched (no script of web/ has
# a multi-line template literal).
function(read_web name out_var)
  file(READ "${SRC}/web/${name}" text)
  if(name MATCHES "\\.js$")
    string(REGEX REPLACE "(^|\n)[ \t]*//[^\n]*" "" text "${text}")
    string(REGEX REPLACE "^\n" "" text "${text}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

function(fill_template name out)
  read_web(${name} text)
  string(CONFIGURE "${text}" text @ONLY)
  if(text MATCHES "@APP_[A-Z_]+@")
    message(FATAL_ERROR "web/${name}: ${CMAKE_MATCH_0} has no value for app ${APP_ID}")
  endif()
  write_if_different("${out}" "${text}")
endfunction()

# A planned app has no folder yet: drop one left by an earlier build that had it, so its path reaches the
# server (and its 404) instead of stale files.
set(built_paths "")
foreach(id ${PASAR_APPS})
  list(APPEND built_paths "${PASAR_APP_${id}_PATH}")
endforeach()
foreach(path ${PASAR_ALL_APP_PATHS})
  if(NOT "${path}" STREQUAL "" AND NOT path IN_LIST built_paths AND IS_DIRECTORY "${OUT}/${path}")
    file(REMOVE_RECURSE "${OUT}/${path}")
  endif()
endforeach()

file(MAKE_DIRECTORY "${OUT}/data")
file(COPY "${SRC}/assets/catalog/" DESTINATION "${OUT}/data")

foreach(id ${PASAR_APPS})
  set(path "${PASAR_APP_${id}_PATH}")
  set(dir "${OUT}/${path}")
  file(MAKE_DIRECTORY "${dir}")
  file(COPY "${SRC}/web/" DESTINATION "${dir}" PATTERN "index.html" EXCLUDE PATTERN "manifest.webmanifest" EXCLUDE
       PATTERN "*.js" EXCLUDE)
  file(GLOB scripts RELATIVE "${SRC}/web" "${SRC}/web/*.js")
  list(REMOVE_ITEM scripts sw.js)
  foreach(f ${scripts})
    read_web(${f} text)
    write_if_different("${dir}/${f}" "${text}")
  endforeach()
  file(COPY "${APP}/${id}/pasar.js" "${APP}/${id}/pasar.wasm" DESTINATION "${dir}")

  # The template values: this app's entry, its names on the phone, the site root seen from its folder, and
  # the other apps' folders below it (the buyer's worker at / must leave /lapak/ and the others alone).
  set(APP_ID "${id}")
  # The manifest's id is resolved against the origin (not the manifest's folder): "/" + the app's folder.
  set(APP_PATH "${path}")
  foreach(field TITLE DESCRIPTION BOOT_TEXT DB LOCK CACHE_PREFIX)
    set(APP_${field} "${PASAR_APP_${id}_${field}}")
  endforeach()
  if("${path}" STREQUAL "")
    set(APP_ROOT "")
  else()
    set(APP_ROOT "../")
  endif()
  set(others "")
  foreach(other ${PASAR_ALL_APP_PATHS})
    string(LENGTH "${path}" n)
    string(SUBSTRING "${other}" 0 ${n} head)
    if(NOT "${other}" STREQUAL "${path}" AND "${head}" STREQUAL "${path}")
      string(SUBSTRING "${other}" ${n} -1 below)
      list(APPEND others "'${below}'")
    endif()
  endforeach()
  list(JOIN others ", " others)
  set(APP_OTHER_PATHS "[${others}]")

  fill_template(index.html "${dir}/index.html")
  fill_template(manifest.webmanifest "${dir}/manifest.webmanifest")

  # Stamp the service worker with a hash of what it caches, so every new build is a new service worker
  # (the open app then offers "update available") and an unchanged build keeps the phone's cache.
  set(stamp_input "")
  foreach(f ${SHELL_FILES})
    file(SHA256 "${dir}/${f}" h)
    string(APPEND stamp_input "${f}=${h};")
  endforeach()
  file(SHA256 "${OUT}/data/index.json" h)
  string(APPEND stamp_input "data/index.json=${h};")
  file(GLOB catalog_files "${OUT}/data/markets/*.json" "${dir}/icons/*")
  list(SORT catalog_files)
  foreach(f ${catalog_files})
    file(SHA256 "${f}" h)
    string(APPEND stamp_input "${h};")
  endforeach()
  string(SHA256 stamp "${stamp_input}")
  string(SUBSTRING "${stamp}" 0 12 stamp)
  read_web(sw.js sw)
  string(REPLACE "const VERSION = 'dev';" "const VERSION = '${stamp}';" sw "${sw}")
  string(CONFIGURE "${sw}" sw @ONLY)
  if(sw MATCHES "@APP_[A-Z_]+@" OR NOT sw MATCHES "const VERSION = '${stamp}';")
    message(FATAL_ERROR "web/sw.js: a template line was not stamped for app ${id}")
  endif()
  write_if_different("${dir}/sw.js" "${sw}")
endforeach()

find_program(BROTLI brotli)
if(NOT BROTLI)
  message(FATAL_ERROR "brotli not found: run tools/setup.sh (it installs Debian's brotli package)")
endif()
file(GLOB_RECURSE files "${OUT}/*")
# The static pages (/pasar/, /produk/) are written after this step by server/pages.py and served by serve.py
# with gzip made on the fly: ~1,400 small pages are not worth two compressor processes each.
list(FILTER files EXCLUDE REGEX "^${OUT}/(pasar|produk)/")
foreach(f ${files})
  if(f MATCHES "\\.(js|wasm|html|json|webmanifest|css|svg|txt)$")
    if(NOT EXISTS "${f}.gz" OR "${f}" IS_NEWER_THAN "${f}.gz")
      execute_process(COMMAND gzip -9 -n -k -f "${f}" RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "gzip failed on ${f}")
      endif()
    endif()
    if(NOT EXISTS "${f}.br" OR "${f}" IS_NEWER_THAN "${f}.br")
      execute_process(COMMAND "${BROTLI}" -q 11 -n -k -f "${f}" RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "brotli failed on ${f}")
      endif()
      file(CHMOD "${f}.br" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)  # -n leaves it 0600
    endif()
  endif()
endforeach()
