package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A multi-threaded BLAS run is reproducible: two JVMs with four OpenBLAS threads each produce
 * bit-identical weights. (OpenBLAS 0.3.21 does <em>not</em> give the same bits for different thread
 * counts: with 1 and 4 threads this run's weights differ in their last bits, so runs are
 * bit-identical for the same seed, settings and thread count. The pure-Java BLAS is single-threaded
 * and always gives the same bits.)
 */
class ThreadCountTest {

  private static List<String> run(String threads) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Xmx512m",
            ThreadsChild.class.getName());
    pb.environment().put("OPENBLAS_NUM_THREADS", threads);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void twoJvmsWithFourThreadsGiveTheSameWeights() throws Exception {
    List<String> one = run("4");
    List<String> four = run("4");
    assertThat(one).hasSize(2);
    assertThat(four.get(0)).isEqualTo(one.get(0));
    assertThat(four.get(1))
        .as("first: %s, second: %s", one, four)
        .hasSize(64)
        .isEqualTo(one.get(1));
  }
}
