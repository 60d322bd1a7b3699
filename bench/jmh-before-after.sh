#!/usr/bin/env bash
# JMH before/after: runs two benchmarks.jar builds alternately and prints each benchmark's score
# per round and the ratio of the means (after/before), so "nothing got slower" is a statement
# about the same machine at the same time.
#
#   bench/jmh-before-after.sh BEFORE_JAR AFTER_JAR [ROUNDS=2] [REGEX] [JMH options...]
#
# Build the "before" jar from another commit, e.g.
#   git worktree add /tmp/before <commit> && (cd /tmp/before && ./mvnw -o -q -pl descent-bench \
#     -am package -DskipTests)   # then /tmp/before/descent-bench/target/benchmarks.jar
# (copy a new benchmark class into the old tree first to time it on the old code too). Defaults:
# the training step, the fused Adam update, the layer kernels, the loss, evaluation and the
# products, one fork, 3 warm-up and 5 measured iterations of 1 s, OpenBLAS on one thread.
# Not part of CI.
set -euo pipefail
before="$1"
after="$2"
rounds="${3:-2}"
regex="${4:-TrainingStepBenchmark|AdamUpdateBenchmark.fused|LayerKernelBenchmark|LossBenchmark|EvaluationBenchmark|MatmulBenchmark.descentBlas}"
shift $(($# < 4 ? $# : 4))
opts=("$@")
((${#opts[@]})) || opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export OPENBLAS_NUM_THREADS=1
coretype="$(dirname "${BASH_SOURCE[0]}")/../bin/openblas-coretype"
[[ -n "${OPENBLAS_CORETYPE:-}" || ! -x "$coretype" ]] || export OPENBLAS_CORETYPE="$("$coretype")"
for ((r = 1; r <= rounds; r++)); do
  for side in before after; do
    jar=$before
    [[ $side == after ]] && jar=$after
    echo "== round $r, $side (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    java -jar "$jar" "$regex" "${opts[@]}" -rf json -rff "$out/$side-$r.json" >/dev/null
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, sys
out, rounds = sys.argv[1], int(sys.argv[2])
res = {}
for side in ("before", "after"):
    for r in range(1, rounds + 1):
        for b in json.load(open("%s/%s-%d.json" % (out, side, r))):
            name = b["benchmark"].split(".", 3)[-1].replace("dev.descent.bench.", "")
            if b.get("params"):
                name += "[" + ",".join("%s=%s" % kv for kv in b["params"].items()) + "]"
            m = b["primaryMetric"]
            res.setdefault(name, {"unit": m["scoreUnit"]}).setdefault(side, []).append(
                (m["score"], m["scoreError"]))
for name, d in res.items():
    if "before" not in d or "after" not in d:
        continue
    fmt = lambda xs: " / ".join("%.1f±%.1f" % x for x in xs)
    mb = sum(x for x, _ in d["before"]) / len(d["before"])
    ma = sum(x for x, _ in d["after"]) / len(d["after"])
    better = "lower" if d["unit"].endswith("/op") else "higher"
    print("%-58s %-6s before %-28s after %-28s after/before %.3f (%s is better)"
          % (name, d["unit"], fmt(d["before"]), fmt(d["after"]), ma / mb, better))
PY
