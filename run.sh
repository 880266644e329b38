#!/usr/bin/env bash
# Installs what is missing, builds the web app, and serves it with serve.py on the embedded pilot catalogue.
# Usage: ./run.sh [--port N] [--host ADDR] [other serve.py flags]   (default http://127.0.0.1:8000)
set -euo pipefail
cd "$(dirname "$0")"
bash tools/setup.sh
bash tools/build.sh
exec python3 -u serve.py --web-dir build/web --data-dir build/data "$@"
