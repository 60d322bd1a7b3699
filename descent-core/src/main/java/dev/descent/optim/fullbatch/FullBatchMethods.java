package dev.descent.optim.fullbatch;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The full-batch methods by name, for the CLI and the lab.
 *
 * <table>
 *   <caption>Full-batch methods</caption>
 *   <tr><th>spec</th><th>method</th></tr>
 *   <tr><td>lbfgs(lr=1,history=100,search=strong_wolfe,c1=0.0001,c2=0.9)</td><td>{@link
 *       Lbfgs}</td></tr>
 *   <tr><td>bfgs(lr=1,search=strong_wolfe,c1=0.0001,c2=0.9)</td><td>{@link Bfgs}</td></tr>
 *   <tr><td>newton(lr=1,damping=0.001,search=armijo,c1=0.0001,c2=0.9)</td><td>{@link
 *       Newton}</td></tr>
 *   <tr><td>cg(beta=pr,restart=0,lr=1,search=strong_wolfe,c1=0.0001,c2=0.1)</td><td>{@link
 *       ConjugateGradient}</td></tr>
 *   <tr><td>gd_linesearch(lr=1,search=armijo,c1=0.0001,c2=0.9)</td><td>{@link
 *       GradientDescentLineSearch}</td></tr>
 *   <tr><td>coordinate_descent(order=cyclic,seed=0,lr=1,search=strong_wolfe,c1=0.0001,c2=0.1)
 *       </td><td>{@link CoordinateDescent}</td></tr>
 * </table>
 *
 * <p>{@code search} is {@code strong_wolfe} ({@link StrongWolfe}, PyTorch's max_ls = 25 and
 * tolerance_change = 1e-9), {@code armijo} ({@link Backtracking}, ρ = 0.5, 30 trials; c2 unused) or
 * {@code none} ({@link FixedStep}: the step is lr).
 */
public final class FullBatchMethods {
  private static final Registry<FullBatchMethod> REGISTRY = build();

  private FullBatchMethods() {}

  /**
   * Builds the method {@code spec} names, e.g. {@code lbfgs(history=10)}.
   *
   * @throws IllegalArgumentException for an unknown name or key (with the valid ones) or a value
   *     out of range
   */
  public static FullBatchMethod create(String spec) {
    return REGISTRY.create(spec);
  }

  /** Builds the method a parsed spec names. */
  public static FullBatchMethod create(Spec spec) {
    return REGISTRY.create(spec);
  }

  /** Whether {@code spec} (text like {@code lbfgs(history=10)}) names a full-batch method. */
  public static boolean isFullBatch(String spec) {
    return REGISTRY.names().contains(Spec.parse(spec).name());
  }

  /** The registered names. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /** The registry (for help texts and listings). */
  public static Registry<FullBatchMethod> registry() {
    return REGISTRY;
  }

  private static Registry<FullBatchMethod> build() {
    Registry<FullBatchMethod> r = new Registry<>("full-batch method");
    r.register(
        "lbfgs",
        "limited-memory BFGS, step for step as torch.optim.LBFGS",
        params(
            List.of(
                Param.number("lr", 1, "(0, inf)", "first trial step (PyTorch lr)"),
                Param.integer("history", 100, "[1, inf)", "stored pairs m (PyTorch history_size)")),
            "strong_wolfe",
            "strong_wolfe|none",
            0.9),
        a -> new Lbfgs(a.number("lr"), a.integer("history"), search(a)));
    r.register(
        "bfgs",
        "BFGS with a dense inverse-Hessian estimate",
        params(
            List.of(Param.number("lr", 1, "(0, inf)", "first trial step")),
            "strong_wolfe",
            "strong_wolfe|armijo|none",
            0.9),
        a -> new Bfgs(a.number("lr"), search(a)));
    r.register(
        "newton",
        "Newton's method with Levenberg-Marquardt damping of indefinite Hessians",
        params(
            List.of(
                Param.number("lr", 1, "(0, inf)", "first trial step (1 = the Newton step)"),
                Param.number(
                    "damping", 1e-3, "(0, inf)", "smallest shift tau (Nocedal & Wright Alg. 3.3)")),
            "armijo",
            "armijo|strong_wolfe|none",
            0.9),
        a -> new Newton(a.number("lr"), a.number("damping"), search(a)));
    r.register(
        "cg",
        "nonlinear conjugate gradients (Fletcher-Reeves, Polak-Ribiere+, Hestenes-Stiefel)",
        params(
            List.of(
                Param.word("beta", "pr", "pr|fr|hs", "beta formula (pr = Polak-Ribiere+)"),
                Param.integer("restart", 0, "[0, inf)", "restart period (0 = dimension n)"),
                Param.number("lr", 1, "(0, inf)", "first trial step")),
            "strong_wolfe",
            "strong_wolfe|armijo|none",
            0.1),
        a ->
            new ConjugateGradient(
                ConjugateGradient.Beta.valueOf(a.word("beta").toUpperCase(Locale.ROOT)),
                a.integer("restart"),
                a.number("lr"),
                search(a)));
    r.register(
        "gd_linesearch",
        "steepest descent with a line search",
        params(
            List.of(Param.number("lr", 1, "(0, inf)", "first trial step")),
            "armijo",
            "armijo|strong_wolfe",
            0.9),
        a -> new GradientDescentLineSearch(a.number("lr"), search(a)));
    r.register(
        "coordinate_descent",
        "one coordinate at a time with a line search (cyclic or seeded random order)",
        params(
            List.of(
                Param.word("order", "cyclic", "cyclic|random", "order of the coordinates"),
                Param.integer("seed", 0, "(-inf, inf)", "seed of the random order"),
                Param.number("lr", 1, "(0, inf)", "first trial step")),
            "strong_wolfe",
            "strong_wolfe|armijo|none",
            0.1),
        a ->
            new CoordinateDescent(
                CoordinateDescent.Order.valueOf(a.word("order").toUpperCase(Locale.ROOT)),
                a.longInteger("seed"),
                a.number("lr"),
                search(a)));
    return r;
  }

  private static List<Param> params(
      List<Param> own, String search, String searches, double c2Default) {
    List<Param> all = new ArrayList<>(own);
    all.add(Param.word("search", search, searches, "line search"));
    all.add(
        Param.number(
            "c1", 1e-4, "(0, 1)", "sufficient-decrease constant (Nocedal & Wright, PyTorch)"));
    all.add(
        Param.number(
            "c2", c2Default, "(c1, 1)", "curvature constant of strong_wolfe (Nocedal & Wright)"));
    return all;
  }

  private static LineSearch search(Args a) {
    switch (a.word("search")) {
      case "strong_wolfe":
        return StrongWolfe.withC2(a.number("c1"), a.number("c2"));
      case "armijo":
        return Backtracking.armijo(a.number("c1"));
      default:
        return new FixedStep();
    }
  }
}
