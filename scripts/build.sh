#!/usr/bin/env bash
# Configures and builds everything (faultline, nodes, tests, benchmarks) in build/.
# FAULTLINE_WERROR=ON (set by scripts/test.sh, hence CI) makes every warning an error;
# FAULTLINE_UNITY=ON (also set by scripts/test.sh) batches each folder library's
# sources and each test folder's files, which makes a cold build much faster and
# an incremental one slower.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DFAULTLINE_WERROR="${FAULTLINE_WERROR:-OFF}" \
  -DFAULTLINE_UNITY="${FAULTLINE_UNITY:-OFF}" >/dev/null
cmake --build --preset release
