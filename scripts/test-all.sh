#!/usr/bin/env bash
# Every test, with all set-up, on a fresh Debian machine as root (or a developer's with the packages present):
# plain-Node tests (engine, CLI, diagnosis, discovery, hints, reports), the diagnosis against the real kernel in
# private network namespaces, the panel in a real browser, and the extension in a real VS Code (code-server).
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
started=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail_setup() { echo "set-up failed: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

step "Set-up"
bash scripts/install-test-deps.sh || fail_setup "Debian packages"
bash scripts/vscode/install.sh || fail_setup "code-server"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund || fail_setup "npm ci"
fi
npm run build --silent || fail_setup "build"
npm run typecheck --silent || fail_setup "typecheck"

passed=0
failed=0
tally() { # $1: log file with a runner's closing lines
  local p f
  p=$(grep -E '^(# |ℹ )pass [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$' || true)
  f=$(grep -E '^(# |ℹ )fail [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$' || true)
  if [[ -z "$p" ]]; then
    p=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | cut -d' ' -f1 || true)
    f=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | cut -d' ' -f3 || true)
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-1}))
}
logs=$(mktemp -d)

step "Node tests: unit, kernel (root + netns), webview in Chromium"
node --import tsx --test --test-concurrency=1 --test-timeout=120000 \
  test/unit/**/*.test.ts test/kernel/**/*.test.ts test/ui/webview/**/*.test.ts 2>&1 | tee "$logs/node.log"
tally "$logs/node.log"

step "Real dev servers in network namespaces (http.server, Flask, Django, php -S, Hugo, Jekyll, Vite, Express; ab's seed story)"
layer_started=$(date +%s)
node --import tsx --test --test-concurrency=1 --test-timeout=180000 test/realServers/**/*.test.ts 2>&1 | tee "$logs/real.log"
tally "$logs/real.log"
echo "real-servers layer: $(( $(date +%s) - layer_started )) s"

step "Extension-host tests in a real VS Code (code-server)"
node --import tsx scripts/vscode/run-extension-tests.ts 2>&1 | tee "$logs/vscode.log"
tally "$logs/vscode.log"

step "UI tests: a person's clicks in code-server"
node --import tsx scripts/vscode/run-ui-tests.ts 2>&1 | tee "$logs/ui.log"
tally "$logs/ui.log"

step "All tests ($(( $(date +%s) - started )) s)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
