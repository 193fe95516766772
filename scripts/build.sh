#!/usr/bin/env bash
# Configures and builds everything (faultline, nodes, tests, benchmarks) in build/.
# FAULTLINE_WERROR=ON (set by scripts/test.sh, hence CI) makes every warning an error.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DFAULTLINE_WERROR="${FAULTLINE_WERROR:-OFF}" >/dev/null
cmake --build --preset release
