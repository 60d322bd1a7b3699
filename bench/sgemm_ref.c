/*
 * OpenBLAS reference for descent's matmul benchmark: times sgemm_ directly from C at the MLP
 * shapes, the same way dev.descent.bench.MatmulTiming times descent (row-major products mapped to
 * the identical column-major call, warm-up, then the median GFLOP/s of timed rounds).
 *
 * Built and run by bench/matmul-vs-openblas.sh:
 *   gcc -O2 -o sgemm_ref sgemm_ref.c /usr/lib/x86_64-linux-gnu/libblas.so.3
 *   OPENBLAS_NUM_THREADS=1 ./sgemm_ref [warmup_seconds] [round_seconds] [rounds] [wall|cpu]
 * The clock is wall time (default) or the calling thread's CPU time, which ignores the time the
 * thread waits for a core on a busy machine but counts only this thread (so only meaningful with
 * OPENBLAS_NUM_THREADS=1). Output: one line per shape, "name m n k transA transB gflops".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The Fortran BLAS prototype: every argument by reference, hidden string lengths omitted. */
extern void sgemm_(const char *transa, const char *transb, const int *m, const int *n,
                   const int *k, const float *alpha, const float *a, const int *lda,
                   const float *b, const int *ldb, const float *beta, float *c, const int *ldc);

typedef struct {
  const char *name;
  int m, n, k, ta, tb;
} Shape;

/* Keep in sync with MatmulTiming.SHAPES (and MatmulBenchmark's @Param list). */
static const Shape SHAPES[] = {
    {"fc1.forward", 128, 100, 784, 0, 0}, {"fc1.dW", 784, 100, 128, 1, 0},
    {"fc1.dX", 128, 784, 100, 0, 1},      {"fc2.forward", 128, 100, 100, 0, 0},
    {"fc2.dW", 100, 100, 128, 1, 0},      {"fc2.dX", 128, 100, 100, 0, 1},
};

static clockid_t clock_id = CLOCK_MONOTONIC;

static double now(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static float *random_matrix(size_t n, unsigned long long *state) {
  float *x = malloc(n * sizeof(float));
  if (!x) {
    perror("malloc");
    exit(1);
  }
  for (size_t i = 0; i < n; i++) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    x[i] = (float)((*state >> 40) * (2.0 / 16777216.0) - 1.0);
  }
  return x;
}

/* Row-major C = op(A) op(B) as the column-major call C^T = op(B)^T op(A)^T (as NetlibBlas does). */
static void gemm(const Shape *s, const float *a, int lda, const float *b, int ldb, float *c) {
  const float one = 1.0f, zero = 0.0f;
  sgemm_(s->tb ? "T" : "N", s->ta ? "T" : "N", &s->n, &s->m, &s->k, &one, b, &ldb, a, &lda,
         &zero, c, &s->n);
}

static int cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  double warmup = argc > 1 ? atof(argv[1]) : 0.3;
  double round = argc > 2 ? atof(argv[2]) : 0.05;
  int rounds = argc > 3 ? atoi(argv[3]) : 21;
  const char *clock_name = argc > 4 ? argv[4] : "wall";
  if (strcmp(clock_name, "cpu") == 0) clock_id = CLOCK_THREAD_CPUTIME_ID;
  if (warmup < 0 || round <= 0 || rounds < 1 ||
      (strcmp(clock_name, "cpu") != 0 && strcmp(clock_name, "wall") != 0)) {
    fprintf(stderr,
            "usage: sgemm_ref [warmup_seconds>=0] [round_seconds>0] [rounds>=1] [wall|cpu]\n");
    return 2;
  }
  unsigned long long state = 42;
  double *gflops = malloc(rounds * sizeof(double));
  for (size_t i = 0; i < sizeof SHAPES / sizeof SHAPES[0]; i++) {
    const Shape *s = &SHAPES[i];
    int lda = s->ta ? s->m : s->k;
    int ldb = s->tb ? s->k : s->n;
    float *a = random_matrix((size_t)s->m * s->k, &state);
    float *b = random_matrix((size_t)s->k * s->n, &state);
    float *c = random_matrix((size_t)s->m * s->n, &state);
    double flops = 2.0 * s->m * s->n * s->k;
    /* Warm up while doubling the repetitions until one round takes about round seconds. */
    long reps = 1;
    double end = now() + warmup;
    do {
      double t0 = now();
      for (long r = 0; r < reps; r++) gemm(s, a, lda, b, ldb, c);
      if (now() - t0 < round / 2) reps *= 2;
    } while (now() < end);
    for (int r = 0; r < rounds; r++) {
      double t0 = now();
      for (long j = 0; j < reps; j++) gemm(s, a, lda, b, ldb, c);
      gflops[r] = flops * reps / (now() - t0) / 1e9;
    }
    qsort(gflops, rounds, sizeof(double), cmp);
    printf("%s %d %d %d %d %d %.3f\n", s->name, s->m, s->n, s->k, s->ta, s->tb,
           gflops[rounds / 2]);
    fflush(stdout);
    free(a);
    free(b);
    free(c);
  }
  free(gflops);
  return 0;
}
