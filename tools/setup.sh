#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine (as root), skipping what is already there.
# Everything comes from Debian's archive (imgui 1.90.1 as a *source* package from trixie) and the npm
# registry (pinned in package-lock.json). Safe to run again: a second run does no network work.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

DEB_PACKAGES=(emscripten nlohmann-json3-dev catch2 chromium chromium-driver fonts-noto-core fonttools
              dpkg-dev cmake ninja-build g++ python3 nodejs npm gzip brotli libclang-rt-14-dev xz-utils)
IMGUI_VERSION=1.90.1
IMGUI_DEB_VERSION=1.90.1+ds-1
DEPS="$here/build/_deps"

log() { printf '[setup] %s\n' "$*"; }

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  # nodejs/npm may come from NodeSource instead of Debian; a working binary is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    python3) command -v python3 >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

src_list=/etc/apt/sources.list.d/pasar-trixie-src.sources
need_src=0
[ -f "$DEPS/imgui-$IMGUI_VERSION/imgui.cpp" ] || need_src=1
if [ "$need_src" = 1 ] && ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ ; then :; fi
if [ "$need_src" = 1 ] && ! grep -rqsE 'trixie' /etc/apt/sources.list.d/*.sources 2>/dev/null; then
  log "adding a deb-src entry for trixie (Dear ImGui $IMGUI_VERSION source package)"
  cat > "$src_list" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

if [ ${#missing[@]} -gt 0 ] || [ "$need_src" = 1 ]; then
  log "apt-get update"
  apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$need_src" = 1 ]; then
  log "fetching Dear ImGui $IMGUI_DEB_VERSION source package"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq "imgui=$IMGUI_DEB_VERSION" >/dev/null 2>&1)
  mkdir -p "$DEPS"
  rm -rf "$DEPS/imgui-$IMGUI_VERSION"
  mv "$tmp"/imgui-"$IMGUI_VERSION"* "$DEPS/imgui-$IMGUI_VERSION"
  rm -rf "$tmp"
  [ -f "$DEPS/imgui-$IMGUI_VERSION/imgui.cpp" ] || { echo "imgui source missing after apt-get source" >&2; exit 1; }
fi

# npm packages pinned in package-lock.json; reinstall only when the lock file changed.
if [ -f package-lock.json ]; then
  stamp=node_modules/.pasar-lock.sha
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$want" > "$stamp"
  fi
fi
log "ok"
