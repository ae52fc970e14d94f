#!/usr/bin/env bash
# Every test, with all set-up, on a fresh Debian machine as root (or a developer's with the packages present), in
# layers from fast to slow: pure tests (test/unit), real sockets and servers (test/integration), the diagnosis
# against the real kernel in private network namespaces (test/kernel), real dev servers (Python, Django, Flask,
# PHP, Hugo, Jekyll, Vite, Express) and ab's seed story in namespaces (test/realServers), the panel in a real browser
# (test/ui/webview), and the extension in a real VS Code (test/vscode, test/ui/*.ui.ts).
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail_setup() { echo "set-up failed: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

step "Set-up"
bash scripts/install-test-deps.sh || fail_setup "Debian packages"
bash scripts/vscode/install.sh || fail_setup "code-server"
# A node_modules linked in from another checkout is never reinstalled here: npm ci empties the link's target.
if [[ ! -L node_modules ]] && [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund || fail_setup "npm ci"
fi
npm run build --silent && npm run build:extras --silent || fail_setup "build"
npm run typecheck --silent || fail_setup "typecheck"

passed=0
failed=0
tally() { # $1: log file with runners' closing lines (a layer may run two: its parallel and its serial files)
  local p f
  p=$(grep -E '^(# |ℹ )pass [0-9]+' "$1" | awk '{ n += $NF } END { if (NR) print n }' || true)
  f=$(grep -E '^(# |ℹ )fail [0-9]+' "$1" | awk '{ n += $NF } END { if (NR) print n }' || true)
  if [[ -z "$p" ]]; then
    p=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | cut -d' ' -f1 || true)
    f=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1 | cut -d' ' -f3 || true)
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-1}))
}
logs=$(mktemp -d)

# Each layer is timed on its own, so a slow layer is visible in the CI log (times in the summary below).
layer_times=()
layer() { # $1: name, $2: log file, rest: the command
  local name=$1 log=$2 t0
  shift 2
  step "$name"
  t0=$(date +%s)
  "$@" 2>&1 | tee "$log"
  tally "$log"
  layer_times+=("$(printf '%-44s %4d s' "$name" $(( $(date +%s) - t0 )))")
}

layer "Fast: pure tests in one process (test/unit)" "$logs/fast.log" npm run --silent test:fast
layer "Integration: real sockets and servers" "$logs/integration.log" npm run --silent test:integration
layer "Kernel: root + network namespaces" "$logs/kernel.log" npm run --silent test:kernel
layer "Real dev servers: netns, seed story" "$logs/real.log" npm run --silent test:realServers
layer "Panel: the webview in Chromium" "$logs/panel.log" npm run --silent test:panel
layer "Extension host: a real VS Code (code-server)" "$logs/vscode.log" node --import tsx scripts/vscode/run-extension-tests.ts
layer "UI: a person's clicks in code-server" "$logs/ui.log" node --import tsx scripts/vscode/run-ui-tests.ts

step "All tests ($(( $(date +%s) - started )) s)"
printf '%s\n' "${layer_times[@]}"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
