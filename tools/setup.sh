#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine (as root), skipping what is already there.
# Everything comes from Debian's archive (imgui 1.90.1 as a *source* package from trixie) and the npm
# registry (pinned in package-lock.json). Safe to run again: a second run does no network work.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

DEB_PACKAGES=(emscripten nlohmann-json3-dev catch2 chromium chromium-driver fonts-noto-core fonttools
              dpkg-dev cmake ninja-build g++ python3 nodejs npm gzip brotli libclang-rt-14-dev xz-utils
              librsvg2-bin)
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
# The URI of this machine's own main Debian archive, from its apt sources (deb822 *.sources stanzas, then
# one-line sources.list entries): the first `deb` entry that is not the security archive. The project
# names no package host itself; a machine whose sources point at a mirror keeps using that mirror.
main_archive_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && [ "$f" != "$src_list" ] || continue
    awk 'function flush() { if (types ~ /(^| )deb( |$)/ && uris != "" && uris !~ /security/ && suites !~ /-security/) { split(uris, u, " "); print u[1]; found = 1; exit } types = uris = suites = "" }
         /^[ \t]*$/ { flush(); next }
         /^[ \t]*#/ { next }
         tolower($1) == "types:" { $1 = ""; types = $0 }
         tolower($1) == "uris:" { $1 = ""; uris = $0; sub(/^ +/, "", uris) }
         tolower($1) == "suites:" { $1 = ""; suites = $0 }
         END { if (!found) flush() }' "$f" | head -n 1
  done | head -n 1 | grep . && return 0
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -E 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && $2 !~ /security/ && $3 !~ /-security/ { print $2; exit }'
  done | head -n 1 | grep .
}

if [ "$need_src" = 1 ] && ! grep -rqsE 'trixie' /etc/apt/sources.list.d/*.sources 2>/dev/null; then
  archive_uri=$(main_archive_uri) || {
    echo "[setup] error: no main Debian archive (a 'deb' entry other than the security archive) in" \
         "/etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; add this machine's Debian archive to apt's" \
         "sources first, then run tools/setup.sh again" >&2
    exit 1
  }
  log "adding a deb-src entry for trixie from $archive_uri (Dear ImGui $IMGUI_VERSION source package)"
  cat > "$src_list" <<SRC
Types: deb-src
URIs: $archive_uri
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
