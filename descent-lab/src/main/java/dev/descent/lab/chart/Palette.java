package dev.descent.lab.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The colour of each optimizer in every figure, so that Adam is the same red in a trajectory plot,
 * a loss curve and a report. Colours follow matplotlib's "tab10" and "tab20" palettes, which are
 * distinguishable in print and for the common forms of colour blindness.
 *
 * <p>An optimizer is identified by the name before the parentheses of its spec ({@code adam} for
 * {@code adam(lr=0.3)}); a textbook variant shares its algorithm's colour ({@code adam_book} is
 * drawn like {@code adam}). Names without a fixed colour get one of the spare colours by a stable
 * hash of the name. When one figure shows the same optimizer twice (two learning rates), {@link
 * #colorsFor(List)} gives the repeats distinct spare colours.
 */
public final class Palette {
  private static final Map<String, Color> FIXED = fixed();

  private static final Color[] SPARE = {
    new Color(0x17becf), // cyan
    new Color(0xbcbd22), // olive
    new Color(0x7f7f7f), // grey
    new Color(0xaec7e8), // light blue
    new Color(0xffbb78), // light orange
    new Color(0x98df8a), // light green
    new Color(0xff9896), // light red
    new Color(0xc5b0d5), // light purple
    new Color(0xc49c94), // light brown
    new Color(0xf7b6d2), // light pink
  };

  /** Dark grey for contour lines and reference marks. */
  public static final Color INK = new Color(0x333333);

  private Palette() {}

  private static Map<String, Color> fixed() {
    Map<String, Color> m = new HashMap<>();
    m.put("sgd", new Color(0x1f77b4)); // blue
    m.put("momentum", new Color(0xff7f0e)); // orange
    m.put("adagrad", new Color(0x2ca02c)); // green
    m.put("adam", new Color(0xd62728)); // red
    m.put("rmsprop", new Color(0x9467bd)); // purple
    m.put("nesterov", new Color(0x8c564b)); // brown
    m.put("adadelta", new Color(0xe377c2)); // pink
    m.put("adamw", new Color(0x990000)); // dark red
    m.put("nadam", new Color(0xff6f61)); // coral
    m.put("amsgrad", new Color(0x6b0f1a)); // wine
    m.put("adamax", new Color(0xb8860b)); // dark goldenrod
    m.put("radam", new Color(0xc71585)); // violet red
    m.put("lion", new Color(0x006d5b)); // teal
    m.put("lbfgs", new Color(0x000080)); // navy
    m.put("bfgs", new Color(0x4169e1)); // royal blue
    m.put("newton", new Color(0x000000)); // black
    m.put("cg", new Color(0x556b2f)); // dark olive
    m.put("gd", new Color(0x708090)); // slate
    return Map.copyOf(m);
  }

  /** The name before the parentheses, lower case: {@code adam} for {@code Adam(lr=0.3)}. */
  public static String baseName(String spec) {
    String s = spec.trim();
    int paren = s.indexOf('(');
    return (paren < 0 ? s : s.substring(0, paren)).trim().toLowerCase(Locale.ROOT);
  }

  /** The colour of the optimizer {@code spec} names. */
  public static Color colorOf(String spec) {
    String name = baseName(spec);
    if (name.endsWith("_book")) {
      name = name.substring(0, name.length() - "_book".length());
    }
    Color c = FIXED.get(name);
    return c != null ? c : SPARE[Math.floorMod(name.hashCode(), SPARE.length)];
  }

  /**
   * Colours for the series of one figure, in order: each optimizer's own colour for its first
   * series, spare colours not used elsewhere in the figure for repeats.
   */
  public static List<Color> colorsFor(List<String> specs) {
    List<Color> out = new ArrayList<>();
    Set<Color> used = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String s : specs) {
      used.add(colorOf(s));
    }
    int spare = 0;
    for (String s : specs) {
      Color c = colorOf(s);
      if (!seen.add(baseName(s)) || out.contains(c)) {
        while (spare < SPARE.length && used.contains(SPARE[spare])) {
          spare++;
        }
        c = spare < SPARE.length ? SPARE[spare++] : SPARE[out.size() % SPARE.length];
        used.add(c);
      }
      out.add(c);
    }
    return out;
  }
}
