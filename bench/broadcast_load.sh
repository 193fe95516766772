#!/usr/bin/env bash
# The load case of issue 9 item 15: runs bench/scenarios/broadcast-load.yaml
# (20 broadcast nodes, rate 5000, 20 s; every read returns the whole set) RUNS
# times through the real binary and prints, per run, the verdict, the peak RSS
# of the faultline process (/usr/bin/time -v), the wall time, the history
# size, and where the peak happened: the RSS is sampled every 0.2 s and each
# sample is attributed to the phase whose output file has not appeared yet
# (run = until history.edn, edn, txt, checks = until results.json, report).
# Then the median peak RSS over the runs.
#
#   bench/broadcast_load.sh [RUNS=3] [--set key=value ...]   # from the repo root, after a build
#   e.g. bench/broadcast_load.sh 1 --set nodes.count=50
set -u
runs=${1:-3}
shift || true
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (scripts/install-deps installs it)" >&2; exit 1; }
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT

descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

peaks=()
for i in $(seq 1 "$runs"); do
  rm -rf "$store/run"
  /usr/bin/time -v -o "$store/time.txt" build/faultline run bench/scenarios/broadcast-load.yaml \
    --store "$store" --run-dir "$store/run" --no-progress "$@" >"$store/out.txt" 2>&1 &
  timer=$!
  declare -A phase_peak=()
  phase=run
  while kill -0 "$timer" 2>/dev/null; do
    # The harness re-executes itself inside its sandbox: sample its largest faultline process.
    kb=$(for pid in $(descendants "$timer"); do [ "$(cat /proc/$pid/comm 2>/dev/null)" = faultline ] || continue; awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; done | sort -n | tail -1)
    if [ -n "$kb" ]; then
      if [ -e "$store/run/report.html" ]; then phase=done
      elif [ -e "$store/run/results.json" ]; then phase=report
      elif [ -e "$store/run/history.txt" ]; then phase=checks
      elif [ -e "$store/run/history.edn" ]; then phase=txt
      elif [ -n "$(find "$store/run" -maxdepth 1 -name '.history.edn.tmp-*' 2>/dev/null)" ]; then phase=edn
      fi
      if [ "$kb" -gt "${phase_peak[$phase]:-0}" ]; then phase_peak[$phase]=$kb; fi
    fi
    sleep 0.2
  done
  wait "$timer"
  rc=$?
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$store/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$store/time.txt")
  verdict=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$store/run/results.json" 2>/dev/null || echo none)
  size=$(stat -c %s "$store/run/history.jsonl" 2>/dev/null || echo 0)
  report=$( [ -s "$store/run/report.html" ] && echo yes || echo no)
  printf 'run %d: exit %d verdict %s report %s | peak RSS %d MB | wall %s | history.jsonl %d MB\n' \
    "$i" "$rc" "$verdict" "$report" $((peak / 1024)) "$wall" $((size / 1048576))
  printf '  sampled peak RSS by phase (MB):'
  for p in run edn txt checks report; do printf ' %s %d' "$p" $((${phase_peak[$p]:-0} / 1024)); done
  printf '\n'
  grep -E '^  (ops|warning):' "$store/out.txt" | sed 's/^/ /'
  peaks+=("$peak")
  unset phase_peak
done
median=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median peak RSS over $runs runs: $((median / 1024)) MB"
