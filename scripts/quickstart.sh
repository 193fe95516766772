#!/usr/bin/env bash
# From a fresh Debian machine: install, build, and run the quickstart scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/faultline run scenarios/quickstart.yaml "$@"
