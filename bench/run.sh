#!/usr/bin/env bash
# The benchmark, one command: installs what is missing, builds the app (tools/build.sh) and the benchmark
# targets (cmake/bench_web.cmake, cmake/bench_native.cmake), then runs bench/run.mjs, which prints the
# table and writes bench/results/<date>.md. Arguments go to bench/run.mjs (--runs N, --only a,b, --no-write).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs Debian's node modules
export EM_CLOSURE_COMPILER="$PWD/node_modules/.bin/google-closure-compiler"  # pinned in package-lock.json (Debian's is from 2013)
jobs=${PASAR_JOBS:-2}
bash tools/setup.sh
bash tools/build.sh

# Configure again (a few seconds): cmake/bench_*.cmake add a target only for the bench sources present at
# configure time (bench/bench_core.cpp comes from another part of the project), so a tree configured
# earlier may lack one.
quiet() { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; return 1; }; }
quiet emcmake cmake -S . -B build/em
cmake --build build/em -j "$jobs" --target pasar_bench_web
if [ ! -f build/native/build.ninja ]; then
  quiet cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
else
  quiet cmake -S . -B build/native
fi
cmake --build build/native -j "$jobs" --target pasar_bench_native

exec node bench/run.mjs "$@"
