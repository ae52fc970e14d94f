#!/usr/bin/env bash
# Installs what the real-VS Code tests need on Debian 12, as root, without internet beyond npm + Debian:
# Debian chromium (the browser Playwright drives), build deps for code-server's native modules, and
# code-server 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20) into a cache OUTSIDE the repo.
# Idempotent: each step is skipped when already done. See shared/docs/real-vscode-offline.md for the why.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11 # the @vscode/ripgrep version code-server 4.100.3 pins; its cache file name depends on it
CACHE_ROOT="${LTL_CACHE:-$HOME/.cache/load-test-localhost}"
PREFIX="$CACHE_ROOT/code-server"
started=$(date +%s)

log() { printf '[vscode-install] %s\n' "$*"; }

# 1. Debian packages (only the missing ones; apt is shared with other jobs, hence the lock).
apt_needed=()
# build-essential + python3: node-gyp builds code-server's native modules (kerberos, node-pty).
for pkg in chromium libkrb5-dev pkg-config ripgrep build-essential python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || apt_needed+=("$pkg")
done
if ((${#apt_needed[@]})); then
  log "apt-get install ${apt_needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  flock /tmp/apt.lock apt-get update -qq
  flock /tmp/apt.lock apt-get install -y -qq --no-install-recommends "${apt_needed[@]}"
else
  log "Debian packages present"
fi

# 2. code-server, skipped when the pinned version is already installed.
installed_version() {
  node -p "require('$PREFIX/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [[ "$(installed_version)" == "$CODE_SERVER_VERSION" && -x "$PREFIX/node_modules/.bin/code-server" ]]; then
  log "code-server $CODE_SERVER_VERSION already in $PREFIX"
else
  log "installing code-server@$CODE_SERVER_VERSION into $PREFIX (about 90 s cold)"
  mkdir -p "$PREFIX"
  # A private package.json so npm installs here and never walks up into the repo.
  [[ -f "$PREFIX/package.json" ]] || echo '{"name":"ltl-code-server-cache","private":true}' >"$PREFIX/package.json"

  # Workaround 3: @vscode/ripgrep downloads rg from GitHub unless its cache (under TMPDIR) already holds the archive.
  export TMPDIR="${TMPDIR:-/tmp}"
  rg_cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [[ ! -s "$rg_archive" ]]; then
    mkdir -p "$rg_cache"
    tar czf "$rg_archive" -C /usr/bin rg
  fi

  # Workaround 1: root npm refuses lifecycle scripts without unsafe-perm.
  # Workaround 4: node-pty's postinstall runs `npx node-gyp`, which must not prompt.
  # Workaround 2 (kerberos native build) is covered by libkrb5-dev + pkg-config above.
  # The lock serialises with other npm installs on shared machines (same npm cache); harmless in CI.
  (cd "$PREFIX" && npm_config_unsafe_perm=true npm_config_yes=true flock /tmp/npm.lock \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [[ "$(installed_version)" == "$CODE_SERVER_VERSION" ]] || { log "code-server install failed"; exit 1; }
fi

# Prove it starts; its own dirs go to a scratch place so nothing lands in ~/.config or ~/.local/share.
scratch=$(mktemp -d)
version_line=$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$PREFIX/node_modules/.bin/code-server" \
  --config /dev/null --version | head -1)
rm -rf "$scratch"
log "code-server: $PREFIX/node_modules/.bin/code-server ($version_line)"
log "chromium: $(command -v chromium)"
log "done in $(($(date +%s) - started)) s"
