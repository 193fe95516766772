#!/usr/bin/env bash
# Runs each real-system scenario (etcd, Redis) over seeds 1..N through the
# real binary and prints, per scenario: verdicts against the expected one,
# wall time per run against its time limit, and ops/s over the main phase.
# For an expected-invalid scenario the verdict count is its detection rate.
#
#   bench/real_systems.sh [SEEDS=10] [SCENARIO...]   # from the repo root, after a build
set -u
seeds=${1:-10}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(etcd etcd-5 etcd-serializable redis-replicas redis-primary)
declare -A expected=([etcd]=valid [etcd-5]=valid [etcd-serializable]=invalid [redis-replicas]=invalid
                     [redis-primary]=valid)
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT

for scenario in "${scenarios[@]}"; do
  rows=()
  for seed in $(seq 1 "$seeds"); do
    start=$(date +%s.%N)
    build/faultline run "scenarios/$scenario.yaml" --seed "$seed" --store "$store" --no-progress \
      --run-dir "$store/run" >/dev/null 2>&1
    end=$(date +%s.%N)
    rows+=("$(python3 - "$store/run/results.json" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ops = r["ops"]
print(r["verdict"], float(sys.argv[3]) - float(sys.argv[2]), r["time_limit_s"],
      ops["invoke"] / r["time_limit_s"], ops["ok"] / r["time_limit_s"])
PY
)")
    rm -rf "$store/run"
  done
  printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
name, expect = sys.argv[1], sys.argv[2]
rows = [l.split() for l in sys.stdin if l.strip()]
verdicts = [r[0] for r in rows]
med = lambda i: statistics.median(float(r[i]) for r in rows)
seen = " ".join(verdicts)
print(f"{name:18} expected {expect:7} got it {verdicts.count(expect)}/{len(rows)} "
      f"(verdicts {seen}); wall median {med(1):.1f} s, max {max(float(r[1]) for r in rows):.1f} s "
      f"for time_limit {float(rows[0][2]):.0f} s; ops/s invoked {med(3):.1f}, ok {med(4):.1f}")
' "$scenario" "${expected[$scenario]:-?}"
done
