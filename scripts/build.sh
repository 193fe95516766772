#!/usr/bin/env bash
# Configures and builds everything (faultline, nodes, tests, benchmarks) in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
