#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for the core's decoders and parsers.
#
#   tests/fuzz/run.sh [BUILD_DIR] [SECONDS]      defaults: build/fuzz, 10 seconds per target
#
# Every target checks decode -> encode -> decode (or parse -> format -> parse) round-trips and aborts on a
# mismatch; ASan aborts on memory errors. The script exits non-zero if any target crashes, leaving the
# crashing input as BUILD_DIR/crash-<target>-* for a regression test.
# Targets are rebuilt only when a source in src/core or tests/fuzz is newer than the binary.
# Seeds: tests/fuzz/corpus/<target>/ (small, committed, read-only here); what a run discovers goes to
# BUILD_DIR/corpus/<target>/ and is reused by the next run.
#
# Longer runs, e.g. overnight on a spare machine, one target at a time with both cores:
#   tests/fuzz/run.sh build/fuzz 0          # builds only (SECONDS=0 skips running)
#   build/fuzz/fuzz_order -max_total_time=3600 -jobs=2 -workers=2 build/fuzz/corpus/fuzz_order tests/fuzz/corpus/fuzz_order
# then minimise what was found:  build/fuzz/fuzz_order -merge=1 NEW_DIR build/fuzz/corpus/fuzz_order
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-build/fuzz}"
SECONDS_PER_TARGET="${2:-10}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
CXX="${FUZZ_CXX:-clang++-14}"
TARGETS=(fuzz_catalog_index fuzz_market_file fuzz_order fuzz_cart fuzz_rupiah fuzz_quantity fuzz_phone fuzz_qris fuzz_sync_reply fuzz_sync_outbox)
FLAGS=(-std=c++17 -g -O1 -fsanitize=fuzzer,address -I"$ROOT/src" -DJSON_NOEXCEPTION=1)

command -v "$CXX" >/dev/null || { echo "run.sh: $CXX not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
mkdir -p "$BUILD/obj" "$BUILD/corpus"

# Core objects, once per changed source (instrumented for coverage, no libFuzzer main).
newest_header=$(find "$ROOT/src/core" -name '*.h' -printf '%T@\n' | sort -n | tail -1)
objects=()
for src in "$ROOT"/src/core/*.cpp; do
  obj="$BUILD/obj/$(basename "${src%.cpp}").o"
  objects+=("$obj")
  if [[ ! -f "$obj" || "$src" -nt "$obj" ]] || (( $(stat -c %Y "$obj") < ${newest_header%.*} )); then
    echo "compile $(basename "$src")"
    "$CXX" -std=c++17 -g -O1 -fsanitize=fuzzer-no-link,address -I"$ROOT/src" -DJSON_NOEXCEPTION=1 -c "$src" -o "$obj"
  fi
done

for t in "${TARGETS[@]}"; do
  bin="$BUILD/$t"
  rebuild=0
  [[ -f "$bin" ]] || rebuild=1
  for dep in "$ROOT/tests/fuzz/$t.cpp" "$ROOT/tests/fuzz/fuzz_common.h" "${objects[@]}"; do
    [[ $rebuild == 1 || "$dep" -nt "$bin" ]] && rebuild=1
  done
  if [[ $rebuild == 1 ]]; then
    echo "link $t"
    "$CXX" "${FLAGS[@]}" "$ROOT/tests/fuzz/$t.cpp" "${objects[@]}" -o "$bin"
  fi
done

[[ "$SECONDS_PER_TARGET" == 0 ]] && { echo "built ${#TARGETS[@]} targets in $BUILD"; exit 0; }

failed=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$BUILD/corpus/$t"
  seeds=()
  [[ -d "$ROOT/tests/fuzz/corpus/$t" ]] && seeds+=("$ROOT/tests/fuzz/corpus/$t")
  log="$BUILD/$t.log"
  if (cd "$BUILD" && ASAN_OPTIONS=detect_leaks=1 "./$t" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$BUILD/crash-$t-" -print_final_stats=1 \
        "$BUILD/corpus/$t" "${seeds[@]}" >"$log" 2>&1); then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "ok    $t: ${runs:-?} inputs in ${SECONDS_PER_TARGET}s ($(( ${runs:-0} / SECONDS_PER_TARGET ))/s)"
  else
    echo "CRASH $t: see $log and $BUILD/crash-$t-*" >&2
    tail -30 "$log" >&2
    failed=1
  fi
done
exit $failed
