#!/usr/bin/env bash
# Trials per second of `descent tune --parallel 1` against `--parallel P` (issue 7's target: the
# seeds' experiment at --parallel 2 runs at >= 1.7x the trials/s of --parallel 1).
#
#   bench/tune-parallel.sh [ROUNDS] [TRIALS] [EPOCHS] [P]    (defaults 3 rounds, 100, 50, 2)
#
# The search is the seeds' experiment (500 Fashion-MNIST samples, 20% validation, six hidden
# layers of 100, batch 100, sgd, lr 10^U(-6,-2), weight decay 10^U(-8,-4), seed 1), with TRIALS
# trials of EPOCHS epochs. Each round runs --parallel 1 and --parallel P once, alternating which
# goes first. Two rates per run:
#   whole command: trials / wall clock of the process (JVM start, data loading, the trials, the
#                  test score of the best, summary and charts);
#   trial phase:   trials / trial_seconds of the JSON line (the trials alone).
# Prints every run, then per rate the median and min-max of each parallelism level, the ratio of
# the medians and the median and min-max of the per-round ratios, with the load average before
# and after. Every run must find the same best trial, validation and test accuracy (checked).
# Not part of CI: it takes several minutes and the numbers depend on the machine's load.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
rounds="${1:-3}"
trials="${2:-100}"
epochs="${3:-50}"
par="${4:-2}"
data="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
py=/usr/bin/python3
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== build"
./mvnw -B -o -q -pl descent-cli -am package -DskipTests
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "search: $trials trials x $epochs epochs; --parallel 1 vs --parallel $par; $rounds rounds"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # round, parallel
  local dir="$out/r$1-p$2"
  local t0 t1
  t0=$(date +%s.%N)
  bin/descent tune --dataset fashion-mnist --data-dir "$data" --offline --train-limit 500 \
    --validation 0.2 --hidden 100,100,100,100,100,100 --batch 100 --optimizer sgd \
    --space "lr=log_uniform(1e-6,1e-2)" --space "weight_decay=log_uniform(1e-8,1e-4)" \
    --trials "$trials" --epochs "$epochs" --parallel "$2" --seed 1 --out "$dir" --json \
    2>"$dir.err" | tail -n 1 >"$dir.json"
  t1=$(date +%s.%N)
  "$py" - "$1" "$2" "$t0" "$t1" "$dir.json" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$out/runs.jsonl" <<'EOF'
import json, sys
rnd, p, t0, t1, path, load, runs = sys.argv[1:]
j = json.load(open(path))
r = {"round": int(rnd), "parallel": int(p), "wall": float(t1) - float(t0), "load": float(load),
     "trained": j["trained"], "trial_seconds": j["trial_seconds"], "best": j["best"]["trial"],
     "validation_accuracy": j["best"]["validation_accuracy"], "test_accuracy": j["test_accuracy"]}
open(runs, "a").write(json.dumps(r) + "\n")
print("  --parallel %d: %.2f s wall, %.2f s trial phase; %.3f trials/s whole, %.3f trial phase"
      " (load %.2f after)" % (r["parallel"], r["wall"], r["trial_seconds"],
                              r["trained"] / r["wall"], r["trained"] / r["trial_seconds"], r["load"]))
EOF
}

for ((r = 1; r <= rounds; r++)); do
  echo "== round $r of $rounds"
  if ((r % 2 == 1)); then
    run "$r" 1
    run "$r" "$par"
  else
    run "$r" "$par"
    run "$r" 1
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$py" - "$out/runs.jsonl" "$par" <<'EOF'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
par = int(sys.argv[2])
outcomes = {(r["best"], r["validation_accuracy"], r["test_accuracy"]) for r in runs}
if len(outcomes) != 1:
    sys.exit("error: the runs disagree on the best trial: %s" % sorted(outcomes))
rates = {
    "whole command": lambda r: r["trained"] / r["wall"],
    "trial phase": lambda r: r["trained"] / r["trial_seconds"],
}
print("== trials per second (median, min-max)")
for name, rate in rates.items():
    by = {p: [rate(r) for r in runs if r["parallel"] == p] for p in (1, par)}
    med = {p: statistics.median(v) for p, v in by.items()}
    pairs = []
    for rnd in sorted({r["round"] for r in runs}):
        one = [rate(r) for r in runs if r["round"] == rnd and r["parallel"] == 1]
        many = [rate(r) for r in runs if r["round"] == rnd and r["parallel"] == par]
        pairs.append(many[0] / one[0])
    print("  %-13s  --parallel 1: %.3f (%.3f-%.3f)  --parallel %d: %.3f (%.3f-%.3f)"
          % (name, med[1], min(by[1]), max(by[1]), par, med[par], min(by[par]), max(by[par])))
    print("  %-13s  ratio of medians %.2fx; per round %.2fx (%.2f-%.2f)"
          % ("", med[par] / med[1], statistics.median(pairs), min(pairs), max(pairs)))
EOF
