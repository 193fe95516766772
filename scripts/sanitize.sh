#!/usr/bin/env bash
# The sanitizer pass of CI: builds faultline, the nodes and the tests with clang,
# ASan and UBSan (the `sanitize` preset, build-sanitize/), then runs every unit
# test and the end-to-end tests whose names match E2E (a regex; by default a
# sample that between them cross every part of a run: spawn, init, router,
# nemesis, process faults, clients, checkers, results; none that asserts a
# throughput, which an instrumented build on a busy machine may miss). A sanitizer report
# aborts the process that hit it, which fails its test.
# Usage: scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-clang
cmake --preset sanitize -DFAULTLINE_UNITY="${FAULTLINE_UNITY:-ON}" >/dev/null
# What this pass and scripts/fuzz.sh run: faultline, the nodes and adapters, the
# fuzz targets, and every test binary but tests_report (browser tests, below).
# shellcheck disable=SC2046
cmake --build --preset sanitize --target faultline nodes/all adapters/all fuzz/all \
  $(find tests -mindepth 1 -maxdepth 1 -type d ! -name report -printf 'tests_%f\n' | sort)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Unit tests: one process per test binary, two at a time. ctest would start one
# process per test case, and an instrumented process takes a good part of a
# second just to start, which across 300 cases doubles the pass. Browser tests
# check rendering, not memory, and are left to the release pass; so are test
# cases tagged [slow] (brute-force property runs whose cost is the reference
# checker, not the code under test).
mkdir -p build-sanitize/logs
units=$(find build-sanitize/tests -maxdepth 1 -name 'tests_*' -type f -executable \
        ! -name tests_e2e ! -name tests_report | sort)
failed=0
# shellcheck disable=SC2086
printf '%s\n' $units | xargs -P 2 -I{} sh -c \
  'log=build-sanitize/logs/$(basename {}).log; if {} "~[slow]" >"$log" 2>&1; then echo "passed: {}"; else echo "FAILED: {} (log: $log)"; tail -60 "$log"; exit 1; fi' \
  || failed=1
e2e="${E2E:-one-way partition blocks|one-way partition holds one direction|udp loss and duplication hit|a signal while checking|links a node plants|init_ok must come|persistent state survives|printing garbage|acks before replicating|kill stops|SIGTERM tears|exits early|kafka_lossy|txn_snapshot shows}"
ctest --preset sanitize --label-regex e2e --tests-regex "$e2e" || failed=1
exit $failed
