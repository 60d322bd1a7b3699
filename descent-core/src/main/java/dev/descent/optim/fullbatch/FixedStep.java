package dev.descent.optim.fullbatch;

/**
 * No line search: the step is the first trial t0 (the method's learning rate), evaluated once.
 * PyTorch's L-BFGS does this when {@code line_search_fn=None}. Reports failure only when f is not
 * finite there.
 */
public record FixedStep() implements LineSearch {

  @Override
  public String description() {
    return "none";
  }

  @Override
  public Step search(Line line, double f0, double[] g0, double gtd0, double t0, double[] gOut) {
    double f = line.evaluate(t0, gOut);
    if (!Double.isFinite(f)) {
      System.arraycopy(g0, 0, gOut, 0, gOut.length);
      return new Step(0, f0, line.evaluations(), false, "fixed step " + t0 + " gave f = " + f);
    }
    return new Step(t0, f, line.evaluations(), true, "");
  }
}
