#!/usr/bin/env bash
# Debian packages the tests need besides the real-VS Code ones (scripts/vscode/install.sh):
# iproute2 (ip netns, ss), procps (sysctl), python3 (small test servers), python3-locust (the exported Locust file
# run distributed: master + workers). Skips what is installed.
set -euo pipefail
needed=()
for pkg in iproute2 procps python3 python3-locust chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || needed+=("$pkg")
done
if ((${#needed[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing Debian packages: ${needed[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "[test-deps] apt-get install ${needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  flock /tmp/apt.lock apt-get update -qq
  flock /tmp/apt.lock apt-get install -y -qq --no-install-recommends "${needed[@]}"
fi
