#!/usr/bin/env bash
# From a fresh Debian machine: install, build, and pass the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-browser
FAULTLINE_WERROR=ON FAULTLINE_UNITY="${FAULTLINE_UNITY:-ON}" scripts/build.sh
ctest --preset release "$@"
