#!/usr/bin/env bash
# Installs what the real-VS-Code e2e needs into .cache/ (gitignored), from the npm registry only:
# code-server 4.100.3 (VS Code 1.100.3, the newest whose engines.node is 20). Idempotent.
# Needs Debian's chromium, ripgrep and libkrb5-dev (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
PREFIX=.cache/code-server
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-e2e: missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
if [ -x "$PREFIX/node_modules/.bin/code-server" ] && grep -q "\"version\": \"$VERSION\"" "$PREFIX/node_modules/code-server/package.json" 2>/dev/null; then
  echo "setup-e2e: code-server $VERSION already installed in $PREFIX"
  exit 0
fi
mkdir -p "$PREFIX"
# @vscode/ripgrep's postinstall downloads ripgrep from GitHub; give it Debian's rg as its cached download.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$RG_TAR" ]; then
  mkdir -p "$RG_CACHE"
  tmp=$(mktemp -d)
  cp /usr/bin/rg "$tmp/rg"
  tar -C "$tmp" -czf "$RG_TAR" rg
  rm -rf "$tmp"
fi
[ -f "$PREFIX/package.json" ] || echo '{"name":"drydock-e2e-code-server","private":true}' > "$PREFIX/package.json"
echo "setup-e2e: installing code-server $VERSION into $PREFIX"
npm_config_unsafe_perm=true npm_config_yes=true npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "code-server@$VERSION"
"$PREFIX/node_modules/.bin/code-server" --version | head -1
