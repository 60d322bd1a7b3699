#!/usr/bin/env bash
# Test accuracy after EPOCHS epochs, descent vs PyTorch, over SEEDS seeds each (same networks,
# data, batch and optimizers as bench/vs-pytorch.sh): one seed's accuracy moves by several tenths
# of a point with nothing but the rounding of a sum changed, so "the same accuracy" is a
# statement about means over seeds.
#
#   bench/accuracy-seeds.sh [SEEDS] [EPOCHS]   (defaults 5 seeds, 5 epochs)
#
# Prints every accuracy, the mean and the sample standard deviation per side, and the difference
# of the means with its standard error. Not part of CI. PyTorch is optional (apt-get install
# python3-torch); without it only descent's figures are printed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seeds="${1:-5}"
epochs="${2:-5}"
data="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
py=/usr/bin/python3
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

./mvnw -B -o -q -pl descent-cli -am package -DskipTests
torch=1
"$py" -c 'import torch' 2>/dev/null || {
  torch=0
  echo "PyTorch is not installed for $py; descent only (install: apt-get install python3-torch)"
}
for ((s = 1; s <= seeds; s++)); do
  echo "== seed $s of $seeds"
  for spec in "mlp-adam mlp adam(lr=0.001) adam" "mlp-sgd mlp sgd(lr=0.01) sgd" \
    "bn-adam bn-dropout adam(lr=0.001) adam"; do
    read -r name model dopt topt <<<"$spec"
    bin/descent bench train --data-dir "$data" --model "$model" --optimizer "$dopt" --epochs 1 \
      --warmup $((epochs - 1)) --seed "$s" --inference-rounds 0 --json >>"$out/descent-$name.jsonl"
    if [[ $torch == 1 ]]; then
      env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$py" bench/pytorch_train.py --data "$data" \
        --model "$model" --optimizer "$topt" --epochs 1 --warmup $((epochs - 1)) --seed "$s" \
        --torch-threads 2 >>"$out/pytorch-$name.jsonl"
    fi
  done
done

"$py" - "$out" "$epochs" <<'PY'
import json, math, os, statistics, sys
out, epochs = sys.argv[1], sys.argv[2]

def accuracies(name):
    path = os.path.join(out, name + ".jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(l)["test_accuracy"] for l in open(path) if l.strip()]

print("\ntest accuracy after %s epochs   mean ± sd (every seed)" % epochs)
for name in ("mlp-adam", "mlp-sgd", "bn-adam"):
    d, t = accuracies("descent-" + name), accuracies("pytorch-" + name)
    line = "%-9s descent %.4f ± %.4f (%s)" % (
        name, statistics.mean(d), statistics.stdev(d) if len(d) > 1 else 0,
        ", ".join("%.4f" % a for a in d))
    print(line)
    if t:
        print("%-9s pytorch %.4f ± %.4f (%s)" % (
            "", statistics.mean(t), statistics.stdev(t) if len(t) > 1 else 0,
            ", ".join("%.4f" % a for a in t)))
        if len(d) > 1 and len(t) > 1:
            se = math.sqrt(statistics.variance(d) / len(d) + statistics.variance(t) / len(t))
            print("%-9s descent - pytorch: %+.2f points (standard error %.2f)" % (
                "", 100 * (statistics.mean(d) - statistics.mean(t)), 100 * se))
PY
