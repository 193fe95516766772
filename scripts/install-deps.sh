#!/usr/bin/env bash
# Installs what Faultline needs from Debian's archive, and only what is missing.
# Usage: scripts/install-deps.sh [--with-browser]   (the browser is for report tests)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
          libboost1.81-dev libboost-filesystem1.81-dev libboost-json1.81-dev
          libyaml-cpp-dev libyaml-dev libfmt-dev libcli11-dev catch2 libbenchmark-dev)
if [[ "${1:-}" == "--with-browser" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
