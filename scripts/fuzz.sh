#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) in the sanitize build (clang, ASan+UBSan,
# build-sanitize/) and runs each for SECONDS (default 60) from a corpus seeded
# with the repository's own inputs. A crash, hang, leak or memory blow-up stops
# it with exit 1 and leaves the reproducer in build-sanitize/findings/<target>/.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build-sanitize
scripts/install-deps.sh --with-clang
cmake --preset sanitize >/dev/null
targets=$(ninja -C "$build" -t targets all | grep -o '^fuzz/fuzz_[a-z_]*' | sed 's#^fuzz/##' | sort -u)
# shellcheck disable=SC2086
cmake --build --preset sanitize --target $targets
status=0
for name in $targets; do
  target="$build/fuzz/$name"
  corpus="$build/corpus/$name"
  findings="$build/findings/$name"
  mkdir -p "$corpus" "$findings"
  case "$name" in
    *yaml*) cp scenarios/*.yaml "$corpus"/ ;;
    *jsonl*) find tests -name '*.jsonl' -size -64k -exec cp {} "$corpus"/ \; ;;
    *edn*) find tests -name '*.edn' -size -64k -exec cp {} "$corpus"/ \; ;;
  esac
  # Hand-written seeds (fuzz/corpus/<target without fuzz_>/): a few valid inputs to mutate from.
  if [[ -d "fuzz/corpus/${name#fuzz_}" ]]; then cp fuzz/corpus/"${name#fuzz_}"/* "$corpus"/; fi
  echo "== $name for ${seconds}s"
  if ! "$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$findings/" -print_final_stats=1 2>"$findings/log.txt"; then
    tail -40 "$findings/log.txt"
    status=1
  else
    grep -E "stat::number_of_executed_units" "$findings/log.txt" | tail -1
  fi
done
exit $status
