#!/usr/bin/env bash
# Side-by-side matmul speed: OpenBLAS called from C (bench/sgemm_ref.c) vs descent's Blas (JNI to
# the same OpenBLAS), at the six products of an MLP training step (784-100-100 layers, batch 128).
#
# Usage: bench/matmul-vs-openblas.sh
# Environment (optional):
#   THREADS="1 2"     OPENBLAS_NUM_THREADS settings to try, each for both sides
#   ALTERNATIONS=3    C and Java runs alternate this many times per setting; medians are reported
#   ROUNDS=21 ROUND_SECONDS=0.05 WARMUP_SECONDS=0.3   timing inside each run (same for both sides)
#   JAVA_FALLBACK=1   also time the pure-Java JavaBlas
#   CLOCK=cpu         time with the calling thread's CPU time instead of wall time: robust on a
#                     machine busy with other work, but only valid with THREADS=1
# Prints per thread setting and shape: reference GFLOP/s, descent GFLOP/s (Blas.defaultBlas(),
# including its checks), the raw netlib JNI call, and descent/reference. Target: ratio >= 0.85.
# On a machine busy with other work, wall-clock medians drift by +-30% between runs; compare there
# with CLOCK=cpu THREADS=1 ALTERNATIONS=9 ROUNDS=11 ROUND_SECONDS=0.03 (about 5 minutes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads_list="${THREADS:-1 2}"
alternations="${ALTERNATIONS:-3}"
rounds="${ROUNDS:-21}"
round_s="${ROUND_SECONDS:-0.05}"
warmup_s="${WARMUP_SECONDS:-0.3}"
clock="${CLOCK:-wall}"
libblas=/usr/lib/x86_64-linux-gnu/libblas.so.3

if [[ "$clock" != wall && "$clock" != cpu ]]; then
  echo "matmul-vs-openblas: CLOCK must be wall or cpu, got '$clock'" >&2
  exit 2
fi
if [[ "$clock" == cpu && "$threads_list" != 1 ]]; then
  echo "matmul-vs-openblas: CLOCK=cpu counts only the calling thread; use it with THREADS=1" >&2
  exit 2
fi
for tool in gcc java; do
  if ! command -v "$tool" >/dev/null; then
    echo "matmul-vs-openblas: $tool is missing; install it with: sudo apt-get install gcc openjdk-17-jdk-headless" >&2
    exit 2
  fi
done
if [[ ! -e "$libblas" ]]; then
  echo "matmul-vs-openblas: $libblas is missing; install it with: sudo apt-get install libopenblas0" >&2
  exit 2
fi
if [[ "$(readlink -f "$libblas")" != *openblas* ]]; then
  echo "matmul-vs-openblas: warning: $libblas is not OpenBLAS ($(readlink -f "$libblas"))" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building descent-bench and the C reference..." >&2
(cd "$here" && ./mvnw -B -q -o -DskipTests -pl descent-bench -am package >&2)
gcc -O2 -o "$work/sgemm_ref" "$here/bench/sgemm_ref.c" "$libblas"
jar="$here/descent-bench/target/benchmarks.jar"
java_extra=()
if [[ -n "${JAVA_FALLBACK:-}" ]]; then
  java_extra+=(--java)
fi
if [[ "$clock" == cpu ]]; then
  java_extra+=(--cpu)
fi

for t in $threads_list; do
  for ((i = 1; i <= alternations; i++)); do
    echo "OPENBLAS_NUM_THREADS=$t, alternation $i/$alternations" >&2
    # Swap the order every other alternation so neither side always runs first.
    if ((i % 2)); then order="c java"; else order="java c"; fi
    for side in $order; do
      if [[ $side == c ]]; then
        OPENBLAS_NUM_THREADS=$t "$work/sgemm_ref" "$warmup_s" "$round_s" "$rounds" "$clock" \
          | sed "s/^/$t /" >>"$work/ref.txt"
      else
        OPENBLAS_NUM_THREADS=$t java -XX:+UseParallelGC -cp "$jar" dev.descent.bench.MatmulTiming \
          "$warmup_s" "$round_s" "$rounds" "${java_extra[@]}" 2>/dev/null \
          | sed "s/^/$t /" >>"$work/java.txt"
      fi
    done
  done
done

# median FILE THREADS SHAPE COLUMN: the median of COLUMN over the rows for that setting and shape.
median() {
  awk -v t="$2" -v s="$3" -v c="$4" '$1 == t && $2 == s { print $c }' "$1" | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "sgemm GFLOP/s ($clock clock), median of $alternations alternating runs" \
  "(each the median of $rounds rounds)"
echo "CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores;" \
  "OpenBLAS: $(readlink -f "$libblas"); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
header="%-8s %-12s %-16s %10s %10s %10s %7s"
row="%-8s %-12s %-16s %10.2f %10.2f %10.2f %7.3f"
if [[ -n "${JAVA_FALLBACK:-}" ]]; then
  header+=" %10s"
  row+=" %10.2f"
fi
# shellcheck disable=SC2059
printf "$header\n" threads shape "m x n x k (tA,tB)" reference descent raw-jni ratio \
  ${JAVA_FALLBACK:+java}
for t in $threads_list; do
  while read -r shape m n k ta tb _; do
    ref=$(median "$work/ref.txt" "$t" "$shape" 8)
    ours=$(median "$work/java.txt" "$t" "$shape" 8)
    raw=$(median "$work/java.txt" "$t" "$shape" 9)
    extra=()
    if [[ -n "${JAVA_FALLBACK:-}" ]]; then
      extra=("$(median "$work/java.txt" "$t" "$shape" 10)")
    fi
    ratio=$(awk -v a="$ours" -v b="$ref" 'BEGIN { print a / b }')
    # shellcheck disable=SC2059
    printf "$row\n" "$t" "$shape" "${m}x${n}x${k} ($ta,$tb)" "$ref" "$ours" "$raw" "$ratio" \
      "${extra[@]}"
  done < <(awk -v t="$t" '$1 == t && !seen[$2]++ { $1 = ""; print }' "$work/ref.txt")
done
