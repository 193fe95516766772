#!/usr/bin/env bash
# Installs what Faultline needs from Debian's archive, and only what is missing.
# Usage: scripts/install-deps.sh [--with-browser] [--with-clang]
#   --with-browser: Chromium, for the report tests
#   --with-clang: clang and its sanitizer/libFuzzer runtime, for scripts/sanitize.sh and scripts/fuzz.sh
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
          libboost1.81-dev libboost-filesystem1.81-dev libboost-json1.81-dev
          libyaml-cpp-dev libyaml-dev libfmt-dev libcli11-dev catch2 libbenchmark-dev
          # real systems for the adapter examples and tests; python3 runs the docs' example adapter;
          # curl is the etcd scenarios' readiness probe (/health); time (/usr/bin/time -v)
          # gives bench/broadcast_load.sh its peak RSS
          etcd-server redis-server python3 curl time)
for option in "$@"; do
  case "$option" in
    --with-browser) packages+=(chromium) ;;
    --with-clang) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "install-deps.sh: unknown option '$option'" >&2; exit 2 ;;
  esac
done

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
