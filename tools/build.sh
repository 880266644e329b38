#!/usr/bin/env bash
# Builds the web app (emscripten, Release: build/em -> served folder build/web) and, with --native, the native
# libraries and tests (build/native). Incremental: a second run only rebuilds what changed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs acorn etc. from Debian's node modules
# The web link minifies its glue with the closure compiler pinned in package-lock.json (Debian's is from 2013).
export EM_CLOSURE_COMPILER="$PWD/node_modules/.bin/google-closure-compiler"
[ -x "$EM_CLOSURE_COMPILER" ] || { echo "build: no closure compiler at $EM_CLOSURE_COMPILER; run bash tools/setup.sh" >&2; exit 1; }
jobs=${PASAR_JOBS:-2}
native=0
for a in "$@"; do [ "$a" = "--native" ] && native=1; done

if [ ! -f build/em/build.ninja ]; then
  emcmake cmake -S . -B build/em -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/em -j "$jobs"

if [ "$native" = 1 ]; then
  if [ ! -f build/native/build.ninja ]; then
    cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build build/native -j "$jobs"
fi
