#!/usr/bin/env bash
# Side-by-side training and inference throughput: descent vs PyTorch (CPU) on Fashion-MNIST.
#
#   bench/vs-pytorch.sh [ROUNDS] [EPOCHS] [WARMUP]   (defaults 3 rounds, 2 timed epochs after 3
#                                                     untimed warm-up epochs per run)
#
# Builds descent, finds PyTorch's fastest thread settings (one for training, one for inference),
# then runs descent and PyTorch alternately (ROUNDS times each) for: the 784-100-100-100-100-10
# ReLU MLP with Adam(lr=1e-3) and with SGD(lr=0.01), batch 128; the 6-hidden-layer batch-norm +
# dropout 0.2 net with Adam; and inference over the 10 000 test images at batch 1000 (forward
# passes and the predicted class of each image, on both sides). Every run trains WARMUP untimed
# epochs first; throughput is per epoch, evaluation excluded. Prints medians, min-max and ratios, and
# the GEMM-bound ceilings (FLOPs per sample at one-thread sgemm speed on every core, measured in
# this run) of MLP training at batch 128 and at the 64-row halves each core takes, and of
# inference at batch 1000.
# Not part of CI: it takes several minutes and the numbers depend on the machine's load.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
rounds="${1:-3}"
epochs="${2:-2}"
# Steady state: the JVM needs about three epochs before its compiled code settles (descent's first
# timed epoch after a single warm-up epoch ran at 85-100k samples/s, later ones at 140-160k);
# PyTorch gets the same warm-up.
warmup="${3:-3}"
data="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
py=/usr/bin/python3
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== build"
./mvnw -B -o -q -pl descent-cli -am package -DskipTests
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

torch=1
if ! "$py" -c 'import torch' 2>/dev/null; then
  torch=0
  echo "PyTorch is not installed for $py; skipping it (install: apt-get install python3-torch)"
fi

torch_env=()
torch_threads=1
infer_env=()
infer_threads=1
# Debian's PyTorch does its matrix products in the same OpenBLAS (through libblas.so.3), so it gets
# the same kernel choice as descent: the search includes OpenBLAS's own pick and bin/descent's.
coretype="$(bin/openblas-coretype || true)"
if [[ $torch == 1 ]]; then
  echo "== PyTorch settings (MLP Adam training: 20 000 samples after a warm-up of as many;"
  echo "   inference: median of 3 passes over the test set at batch 1000)"
  best=0
  best_infer=0
  for c in "" "$coretype"; do
    for t in 1 2; do
      for b in 1 2; do
        setting=(-u OPENBLAS_CORETYPE OMP_NUM_THREADS=$b OPENBLAS_NUM_THREADS=$b)
        [[ -z "$c" ]] || setting+=(OPENBLAS_CORETYPE="$c")
        r=$(env "${setting[@]}" "$py" bench/pytorch_train.py --data "$data" \
          --epochs 1 --limit 20000 --torch-threads "$t" |
          "$py" -c 'import json,sys; print(int(json.load(sys.stdin)["samples_per_second"][0]))')
        i=$(env "${setting[@]}" "$py" bench/pytorch_train.py --data "$data" --model mlp \
          --inference --limit 5000 --rounds 3 --torch-threads "$t" |
          "$py" -c 'import json,statistics,sys; print(int(statistics.median(json.load(sys.stdin)["samples_per_second"])))')
        echo "  torch.set_num_threads($t), OMP/OpenBLAS threads $b, OPENBLAS_CORETYPE=${c:-(unset)}: training $r, inference $i samples/s"
        if ((r > best)); then
          best=$r
          torch_threads=$t
          torch_env=("${setting[@]}")
        fi
        if ((i > best_infer)); then
          best_infer=$i
          infer_threads=$t
          infer_env=("${setting[@]}")
        fi
      done
    done
    [[ -n "$coretype" ]] || break
  done
  echo "  training: torch.set_num_threads($torch_threads) ${torch_env[*]}"
  echo "  inference: torch.set_num_threads($infer_threads) ${infer_env[*]}"
fi

echo "== descent threads (MLP Adam, one epoch after a warm-up; descent's default: one per core)"
for t in 1 2; do
  r=$(bin/descent bench train --data-dir "$data" --epochs 1 --threads "$t" \
    --inference-rounds 0 --json |
    "$py" -c 'import json,sys; print(int(json.load(sys.stdin)["samples_per_second"][0]))')
  echo "  --threads $t: $r samples/s"
done

run_descent() { # name, args...
  local name=$1
  shift
  bin/descent bench train --data-dir "$data" --epochs "$epochs" --warmup "$warmup" --json "$@" \
    >>"$out/descent-$name.jsonl"
}
run_torch() {
  local name=$1
  shift
  [[ $torch == 1 ]] || return 0
  env "${torch_env[@]}" "$py" bench/pytorch_train.py --data "$data" --epochs "$epochs" \
    --warmup "$warmup" --torch-threads "$torch_threads" "$@" >>"$out/pytorch-$name.jsonl"
}
run_torch_inference() {
  [[ $torch == 1 ]] || return 0
  env "${infer_env[@]}" "$py" bench/pytorch_train.py --data "$data" --model mlp --inference \
    --limit 60000 --rounds 5 --torch-threads "$infer_threads" >>"$out/pytorch-inference.jsonl"
}

for ((r = 1; r <= rounds; r++)); do
  echo "== round $r of $rounds (load $(cut -d' ' -f1 /proc/loadavg))"
  run_descent mlp-adam --model mlp --optimizer 'adam(lr=0.001)' --inference-rounds 5
  run_torch mlp-adam --model mlp --optimizer adam
  run_torch_inference
  run_descent mlp-sgd --model mlp --optimizer 'sgd(lr=0.01)' --inference-rounds 0
  run_torch mlp-sgd --model mlp --optimizer sgd
  run_descent bn-adam --model bn-dropout --optimizer 'adam(lr=0.001)' --inference-rounds 0
  run_torch bn-adam --model bn-dropout --optimizer adam
  # sgemm at the MLP's shapes (m k n) on one thread, once per round: the ceiling uses the fastest
  # round of each shape, so a busy moment cannot make it look low, times the number of cores (two
  # single-threaded sgemm processes run at full speed side by side on this machine).
  # Also the same products on the 64-row halves each core takes of a batch, and the inference
  # products at batch 1000.
  for shape in "128 784 100" "128 100 100" "128 100 10" "784 128 100" "100 128 100" \
    "100 128 10" "128 10 100" "64 784 100" "64 100 100" "64 100 10" "784 64 100" "100 64 100" \
    "100 64 10" "64 10 100" "1000 784 100" "1000 100 100" "1000 100 10"; do
    read -r m k n <<<"$shape"
    OPENBLAS_NUM_THREADS=1 bin/descent bench matmul --m "$m" --k "$k" --n "$n" --seconds 0.5 --json >>"$out/gemm.jsonl"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$py" - "$out" "$(nproc)" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
cores = int(sys.argv[2])

def rates(name, key="samples_per_second"):
    path = os.path.join(out, name + ".jsonl")
    if not os.path.exists(path):
        return [], []
    rows = [json.loads(l) for l in open(path) if l.strip()]
    return [x for r in rows for x in r[key]], rows

def fmt(xs):
    return "%8.0f  (%.0f-%.0f, n=%d)" % (statistics.median(xs), min(xs), max(xs), len(xs)) if xs else "%8s" % "-"

print("\n%-22s %-30s %-30s %s" % ("samples/s", "descent median (min-max)", "pytorch median (min-max)", "ratio"))
results = {}
for name, label, dkey in (("mlp-adam", "MLP Adam", None), ("mlp-sgd", "MLP SGD", None),
                          ("bn-adam", "BN+dropout Adam", None),
                          ("inference", "inference b=1000", "inference_samples_per_second")):
    if dkey:
        d, drows = rates("descent-mlp-adam", dkey)
    else:
        d, drows = rates("descent-" + name)
    t, trows = rates("pytorch-" + name)
    ratio = statistics.median(d) / statistics.median(t) if d and t else float("nan")
    results[name] = (d, t)
    print("%-22s %-30s %-30s %.2fx" % (label, fmt(d), fmt(t), ratio))
    acc = [r["test_accuracy"] for r in drows if "test_accuracy" in r and not dkey]
    tacc = [r["test_accuracy"] for r in trows if "test_accuracy" in r]
    if acc or tacc:
        print("%-22s descent %s  pytorch %s  (after %s epochs)" % (
            "  test accuracy", ",".join("%.4f" % a for a in acc),
            ",".join("%.4f" % a for a in tacc), drows[0]["epochs_trained"] if drows else "-"))

# GEMM ceiling of one MLP training sample: forward x·W per layer, backward dW = xᵀ·dy per layer,
# dx = dy·Wᵀ for all but the first layer (same m, k, n as the shapes timed above).
gemm = {}
for g in map(json.loads, open(os.path.join(out, "gemm.jsonl"))):
    key = (g["m"], g["k"], g["n"])
    gemm[key] = max(gemm.get(key, 0.0), g["gflops"])
dims = [784, 100, 100, 100, 100, 10]

def gemm_seconds(b, training):
    seconds = flops = 0.0
    for i in range(5):
        fin, fout = dims[i], dims[i + 1]
        products = [(b, fin, fout)]                          # forward
        if training:
            products.append((fin, b, fout))                  # weight gradient
            if i > 0:
                products.append((b, fout, fin))              # input gradient
        for m, k, n in products:
            f = 2.0 * m * k * n
            flops += f
            seconds += f / (gemm[(m, k, n)] * 1e9)
    return seconds, flops

seconds, flops = gemm_seconds(128, True)
ceiling = cores * 128 / seconds
print("\nMLP training GEMM work: %.3f MFLOP/sample; one-thread sgemm: %s GFLOP/s" % (
    flops / 128 / 1e6, ", ".join("%dx%dx%d %.1f" % (k[0], k[1], k[2], v) for k, v in gemm.items())))
print("GEMM-bound ceiling (best one-thread sgemm round per shape at batch 128, times %d cores): "
      "%.0f samples/s" % (cores, ceiling))
for name in ("mlp-adam", "mlp-sgd"):
    d = results[name][0]
    if d:
        print("  %s: %.0f%% of the ceiling" % (name, 100 * statistics.median(d) / ceiling))
half = cores * 64 / gemm_seconds(64, True)[0]
print("  the same at the 64-row halves of a batch each core multiplies: %.0f samples/s (%.0f%% of "
      "the batch-128 ceiling)" % (half, 100 * half / ceiling))
inference = cores * 1000 / gemm_seconds(1000, False)[0]
d, t = results["inference"]
print("Inference GEMM-bound ceiling (batch 1000, times %d cores): %.0f samples/s" % (cores, inference))
if d:
    print("  descent: %.0f%% of it" % (100 * statistics.median(d) / inference))
if t:
    print("  the ceiling is %.2fx PyTorch's inference" % (inference / statistics.median(t)))
PY
