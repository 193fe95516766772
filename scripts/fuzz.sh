#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan+UBSan) in build-fuzz/ and
# runs each for SECONDS (default 60) from a corpus seeded with the repository's
# own inputs. A crash, hang, leak or memory blow-up stops it with exit 1 and
# leaves the reproducer in build-fuzz/findings/<target>/.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target")
  corpus="build-fuzz/corpus/$name"
  findings="build-fuzz/findings/$name"
  mkdir -p "$corpus" "$findings"
  case "$name" in
    *yaml*) cp scenarios/*.yaml "$corpus"/ ;;
  esac
  echo "== $name for ${seconds}s"
  if ! "$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$findings/" -print_final_stats=1 2>"$findings/log.txt"; then
    tail -40 "$findings/log.txt"
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$findings/log.txt" | tail -2
  fi
done
exit $status
