#!/usr/bin/env bash
# Descent before (commit 96aabe1, built from `git archive 96aabe1` in /tmp/perf-base) vs the
# working tree, alternating, as recorded in 2026-11-29-3-descent-before-after.txt.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
for r in 1 2; do
  for cfg in "mlp adam(lr=0.001)" "mlp sgd(lr=0.01)" "bn-dropout adam(lr=0.001)"; do
    set -- $cfg
    for v in before after; do
      jar=descent-cli/target/descent.jar; [[ $v == before ]] && jar=/tmp/perf-base/descent-cli/target/descent.jar
      java -XX:+UseParallelGC -jar $jar bench train --epochs 2 --inference-rounds 3 --model $1 --optimizer "$2" --json | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print('$v', d['model'], d['optimizer'], [round(x) for x in d['samples_per_second']], [round(x) for x in d['inference_samples_per_second']], d['test_accuracy'], d['weights_sha256'][:12], 'load', open('/proc/loadavg').read().split()[0])"
    done
  done
done
