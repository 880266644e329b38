#!/usr/bin/env bash
# Installs what is missing, builds everything (web app, wasm core tests, native libraries and tests), and runs
# every test suite through ctest: native Catch2, core tests as wasm under node, serve.py and catalogue tests
# (Python unittest), browser journeys in headless Chromium, and short fuzz runs. Ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")"
bash tools/setup.sh
bash tools/build.sh --native
exec ctest --test-dir build/native --output-on-failure --timeout 900 "$@"
