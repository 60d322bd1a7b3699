package dev.descent.function;

import dev.descent.spec.Args;
import dev.descent.spec.Param;
import dev.descent.spec.Registry;
import dev.descent.spec.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic 2-D test functions by name, and the rule that tells a name from a formula.
 *
 * <p>Every named function is a formula evaluated by {@link Expression}, so gradients and Hessians
 * are exact. Sources: Surjanovic &amp; Bingham, <i>Virtual Library of Simulation Experiments</i>
 * (sfu.ca/~ssurjano) for Rosenbrock, Beale, Himmelblau, Booth, Rastrigin and Ackley; Saito, <i>Deep
 * Learning from Scratch</i> ch. 6 for {@code anisotropic}.
 *
 * <table>
 *   <caption>Named functions</caption>
 *   <tr><th>name</th><th>f(x, y)</th><th>minima</th></tr>
 *   <tr><td>anisotropic</td><td>x²/20 + y²</td><td>(0, 0)</td></tr>
 *   <tr><td>saddle</td><td>x² − y²</td><td>none (saddle at 0)</td></tr>
 *   <tr><td>monkey_saddle</td><td>x³ − 3xy²</td><td>none (saddle at 0)</td></tr>
 *   <tr><td>rosenbrock(a=1,b=100)</td><td>(a − x)² + b(y − x²)²</td><td>(a, a²)</td></tr>
 *   <tr><td>beale</td><td>(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²</td>
 *       <td>(3, 0.5)</td></tr>
 *   <tr><td>himmelblau</td><td>(x² + y − 11)² + (x + y² − 7)²</td><td>four, f = 0</td></tr>
 *   <tr><td>booth</td><td>(x + 2y − 7)² + (2x + y − 5)²</td><td>(1, 3)</td></tr>
 *   <tr><td>rastrigin(a=10)</td><td>2a + Σ (t² − a cos 2πt) over t = x, y</td><td>(0, 0)</td></tr>
 *   <tr><td>ackley(a=20,b=0.2,c=2π)</td>
 *       <td>−a exp(−b √((x²+y²)/2)) − exp((cos cx + cos cy)/2) + a + e</td><td>(0, 0)</td></tr>
 *   <tr><td>long_valley(steep=10,slope=0.1)</td>
 *       <td>steep (√(x²+y²) − 1)² + slope ((x − 1)² + y²)</td><td>(1, 0)</td></tr>
 * </table>
 *
 * <p>{@code long_valley} is this library's narrow curved valley: its floor is the unit circle,
 * which falls gently (slope times the squared distance to (1, 0)) from a saddle near (−1, 0) around
 * both halves of the circle to the minimum at (1, 0), while the walls across it are steep. At the
 * minimum the Hessian's eigenvalues are 2·steep + 2·slope = 20.2 across and 2·slope = 0.2 along the
 * valley (condition number 101), so a path from the far side must follow half a circle: plain
 * gradient descent zig-zags across the valley or crawls along it, while a straight line through the
 * centre climbs over a hill of height steep + slope.
 *
 * <p><b>Name or formula:</b> {@link #create(String)} treats the text as a named function when it is
 * a bare word other than {@code x}, {@code y}, {@code pi} and {@code e} (so a misspelled name gets
 * a suggestion), or a word followed by parenthesised {@code key=value} arguments; anything else
 * ({@code x^2/20 + y^2}, {@code exp(x)}) is a formula in x and y.
 */
public final class Functions {
  private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SPEC_WITH_ARGS =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*\\(.*=.*\\)", Pattern.DOTALL);

  private static final Registry<Function2D> REGISTRY = build();

  private Functions() {}

  /** The names of the named functions, in display order. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /** Every named function with its parameters (type, default, range, doc), for help texts. */
  public static List<Registry.Entry<Function2D>> entries() {
    return REGISTRY.entries();
  }

  /**
   * A named function ({@code rosenbrock}, {@code rosenbrock(a=1,b=100)}) or a formula in x and y
   * ({@code x^2/20 + y^2}); see the class comment for the rule.
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones), a bad argument,
   *     or a formula that does not parse ({@link ExpressionParseException}, with the column)
   */
  public static Function2D create(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "function must be a name (" + String.join(", ", names()) + ") or a formula");
    }
    if (isNamed(text)) {
      return REGISTRY.create(text.trim());
    }
    return FormulaFunction.of(text);
  }

  /** Whether {@link #create(String)} reads {@code text} as a named function (not a formula). */
  public static boolean isNamed(String text) {
    String t = text.trim();
    if (BARE_WORD.matcher(t).matches()) {
      // any case, so that "X" gets the formula parser's "names are lower case" hint
      return !(t.equalsIgnoreCase("x")
          || t.equalsIgnoreCase("y")
          || t.equalsIgnoreCase("pi")
          || t.equalsIgnoreCase("e"));
    }
    return SPEC_WITH_ARGS.matcher(t).matches();
  }

  private static Registry<Function2D> build() {
    Registry<Function2D> r = new Registry<>("function");
    r.register(
        "anisotropic",
        "x^2/20 + y^2, the elongated bowl of Deep Learning from Scratch ch. 6",
        List.of(),
        a ->
            named(
                a,
                "x^2/20 + y^2",
                Map.of(),
                new Window(-10, 10, -5, 5),
                new Point(-7, 2),
                List.of(CriticalPoint.minimum(0, 0))));
    r.register(
        "saddle",
        "x^2 - y^2, a saddle point at the origin",
        List.of(),
        a ->
            named(
                a,
                "x^2 - y^2",
                Map.of(),
                Window.square(2),
                new Point(-1.8, 0.05),
                List.of(CriticalPoint.saddle(0, 0))));
    r.register(
        "monkey_saddle",
        "x^3 - 3*x*y^2, a degenerate saddle with three descending valleys",
        List.of(),
        a ->
            named(
                a,
                "x^3 - 3*x*y^2",
                Map.of(),
                Window.square(2),
                new Point(1.5, 0.1),
                List.of(CriticalPoint.saddle(0, 0))));
    r.register(
        "rosenbrock",
        "(a - x)^2 + b*(y - x^2)^2, the banana valley; minimum (a, a^2)",
        List.of(
            Param.number("a", 1, "(-inf, inf)", "minimum at x = a (Rosenbrock 1960)"),
            Param.number("b", 100, "[0, inf)", "steepness of the valley walls (Rosenbrock 1960)")),
        a -> {
          double ra = a.number("a");
          double rb = atLeast(a, "b", 0);
          return named(
              a,
              "(a - x)^2 + b*(y - x^2)^2",
              Map.of("a", ra, "b", rb),
              new Window(-2, 2, -1, 3).including(ra, ra * ra),
              new Point(-1.5, 2),
              List.of(CriticalPoint.minimum(ra, ra * ra)));
        });
    r.register(
        "beale",
        "Beale's function, flat plateaus and steep ridges; minimum (3, 0.5)",
        List.of(),
        a ->
            named(
                a,
                "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
                Map.of(),
                Window.square(4.5),
                new Point(1, 1.5),
                List.of(CriticalPoint.minimum(3, 0.5))));
    r.register(
        "himmelblau",
        "Himmelblau's function, four minima with f = 0",
        List.of(),
        a ->
            named(
                a,
                "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                Map.of(),
                Window.square(5),
                new Point(0, 0),
                List.of(
                    CriticalPoint.minimum(3, 2),
                    CriticalPoint.minimum(-2.805118086952745, 3.131312518250573),
                    CriticalPoint.minimum(-3.779310253377747, -3.283185991286169),
                    CriticalPoint.minimum(3.5844283403304917, -1.8481265269644034))));
    r.register(
        "booth",
        "Booth's function, a tilted quadratic bowl; minimum (1, 3)",
        List.of(),
        a ->
            named(
                a,
                "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
                Map.of(),
                Window.square(10),
                new Point(-8, 8),
                List.of(CriticalPoint.minimum(1, 3))));
    r.register(
        "rastrigin",
        "Rastrigin's function, a bowl covered in local minima; minimum (0, 0)",
        List.of(Param.number("a", 10, "[0, inf)", "height of the ripples (Rastrigin 1974)")),
        a ->
            named(
                a,
                "2*a + x^2 - a*cos(2*pi*x) + y^2 - a*cos(2*pi*y)",
                Map.of("a", atLeast(a, "a", 0)),
                Window.square(5.12),
                new Point(-3.3, 2.7),
                List.of(CriticalPoint.minimum(0, 0))));
    r.register(
        "ackley",
        "Ackley's function, a nearly flat outer region around a deep hole; minimum (0, 0)",
        List.of(
            Param.number("a", 20, "[0, inf)", "depth of the hole (Ackley 1987)"),
            Param.number("b", 0.2, "(0, inf)", "width of the hole (Ackley 1987)"),
            Param.number("c", 2 * Math.PI, "(0, inf)", "frequency of the ripples (Ackley 1987)")),
        a ->
            named(
                a,
                "-a*exp(-b*sqrt((x^2 + y^2)/2)) - exp((cos(c*x) + cos(c*y))/2) + a + e",
                Map.of("a", atLeast(a, "a", 0), "b", positive(a, "b"), "c", positive(a, "c")),
                Window.square(5),
                new Point(-3.5, 3.2),
                List.of(CriticalPoint.minimum(0, 0))));
    r.register(
        "long_valley",
        "steep*(sqrt(x^2 + y^2) - 1)^2 + slope*((x - 1)^2 + y^2), a narrow valley along the unit"
            + " circle; minimum (1, 0)",
        List.of(
            Param.number("steep", 10, "(0, inf)", "curvature across the valley (about 2*steep)"),
            Param.number("slope", 0.1, "(0, inf)", "curvature along the valley floor (2*slope)")),
        a -> {
          double steep = positive(a, "steep");
          double slope = positive(a, "slope");
          return named(
              a,
              "steep*(sqrt(x^2 + y^2) - 1)^2 + slope*((x - 1)^2 + y^2)",
              Map.of("steep", steep, "slope", slope),
              Window.square(2),
              new Point(-1.1, 0.5),
              List.of(
                  CriticalPoint.minimum(1, 0),
                  CriticalPoint.saddle((slope - steep) / (steep + slope), 0)));
        });
    return r;
  }

  /** Builds a named function; factories run after the registry is complete, so it can be read. */
  private static Function2D named(
      Args args,
      String template,
      Map<String, Double> parameters,
      Window window,
      Point start,
      List<CriticalPoint> criticalPoints) {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (Param p : REGISTRY.entry(args.specName()).params()) {
      shown.put(p.key(), parameters.get(p.key()));
    }
    String name = new Spec(args.specName(), shown).toString();
    Expression expression = Expression.parse(template, parameters);
    return new FormulaFunction(
        name, substitute(template, parameters), expression, window, start, criticalPoints);
  }

  /** The template with each parameter name replaced by its value, for display. */
  static String substitute(String template, Map<String, Double> parameters) {
    String out = template;
    for (Map.Entry<String, Double> p : parameters.entrySet()) {
      Matcher m =
          Pattern.compile("(?<![A-Za-z0-9_.])" + Pattern.quote(p.getKey()) + "(?![A-Za-z0-9_(])")
              .matcher(out);
      out = m.replaceAll(Matcher.quoteReplacement(Spec.formatNumber(p.getValue())));
    }
    return out;
  }

  private static double atLeast(Args a, String key, double min) {
    double v = a.number(key);
    if (!(v >= min) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          a.specName()
              + ": "
              + key
              + " must be in ["
              + Spec.formatNumber(min)
              + ", inf), got "
              + v);
    }
    return v;
  }

  private static double positive(Args a, String key) {
    double v = a.number(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          a.specName() + ": " + key + " must be in (0, inf), got " + v);
    }
    return v;
  }
}
