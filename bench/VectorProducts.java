// Products at the MLP's shapes through the default (native) BLAS, descent-vector's VectorBlas and
// the plain-Java JavaBlas, one thread, best of 3 x 0.2 s each; also counts the elements where
// VectorBlas differs from the scalar loop acc = fma(a, b, acc) in bits (should be 0).
// Usage (after ./mvnw -q -DskipTests package; add -XX:UseAVX=2 to emulate AVX2's 16 registers):
//   OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=$(bin/openblas-coretype) java \
//     --add-modules jdk.incubator.vector -cp descent-cli/target/descent.jar bench/VectorProducts.java
import dev.descent.tensor.*;
import dev.descent.vector.VectorBlas;

public class VectorProducts {
  public static void main(String[] args) {
    Blas nat = Blas.defaultBlas(), vec = new VectorBlas(), jav = new JavaBlas();
    int[][] shapes = {{128,100,784,0,0},{64,100,784,0,0},{784,100,64,1,0},{64,784,100,0,1},{64,100,100,0,0},{100,100,64,1,0},{64,100,100,0,1},{64,10,100,0,0},{1,100,64,0,0},{1000,100,784,0,0},{1000,10,100,0,0}};
    java.util.Random r = new java.util.Random(3);
    System.out.println(vec.name());
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k = s[2]; boolean ta = s[3] == 1, tb = s[4] == 1;
      float[] a = new float[m * k], b = new float[k * n], c0 = new float[m * n], c1 = new float[m * n], c2 = new float[m*n];
      for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
      for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
      int lda = ta ? m : k, ldb = tb ? k : n;
      double flops = 2.0 * m * n * k;
      double[] gf = new double[3];
      Blas[] bl = {nat, vec, jav}; float[][] cs = {c0, c1, c2};
      for (int rep = 0; rep < 3; rep++)
      for (int q = 0; q < 3; q++) {
        long t0 = System.nanoTime(); int it = 0;
        while (System.nanoTime() - t0 < 200_000_000L) { bl[q].sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, cs[q], 0, n); it++; }
        gf[q] = Math.max(gf[q], flops * it / (System.nanoTime() - t0));
      }
      // exact reference
      int bad = 0; double md = 0;
      for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) acc = Math.fma(ta ? a[p * m + i] : a[i * k + p], tb ? b[j * k + p] : b[p * n + j], acc);
        if (Float.floatToRawIntBits(acc) != Float.floatToRawIntBits(c1[i * n + j])) bad++;
        md = Math.max(md, Math.abs(acc - c0[i * n + j]));
      }
      System.out.printf("%4dx%4dx%4d ta=%b tb=%b  native %.0f  vector %.0f  java %.0f GF  vector/java %.2f vector/native %.2f  bit-mismatch %d  |native-ref| %.1e%n", m, n, k, ta, tb, gf[0], gf[1], gf[2], gf[1]/gf[2], gf[1]/gf[0], bad, md);
    }
  }
}
