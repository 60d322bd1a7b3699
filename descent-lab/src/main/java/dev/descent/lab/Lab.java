package dev.descent.lab;

import dev.descent.lab.experiment.ActivationHistograms;
import dev.descent.lab.experiment.BatchNormGrid;
import dev.descent.lab.experiment.LossCurves;
import dev.descent.lab.experiment.Overfitting;
import dev.descent.lab.experiment.RandomSearch;
import dev.descent.lab.experiment.ScheduleEffects;
import dev.descent.lab.experiment.SecondOrder;
import dev.descent.lab.experiment.Trajectories;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every experiment of the seeds by name, in the order of MISSION §8, and the runner that executes a
 * selection of them one after another (each may train its models in parallel).
 *
 * <pre>{@code
 * LabContext ctx = new LabContext(Budget.QUICK, 0, 2, data, Path.of("lab-report"), System.err::println);
 * List<Section> sections = Lab.run(Lab.select(List.of()), ctx);
 * }</pre>
 */
public final class Lab {
  private Lab() {}

  /** All experiments, in report order. */
  public static List<Experiment> all() {
    return List.of(
        new Trajectories(),
        LossCurves.optimizers(),
        new ActivationHistograms(),
        LossCurves.weightInit(),
        new BatchNormGrid(),
        Overfitting.weightDecay(),
        Overfitting.dropout(),
        new RandomSearch(),
        new ScheduleEffects(),
        new SecondOrder());
  }

  /** The experiment names, in report order. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (Experiment e : all()) {
      out.add(e.name());
    }
    return out;
  }

  /**
   * The experiments {@code names} names, in report order; all of them when the list is empty.
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public static List<Experiment> select(List<String> names) {
    Map<String, Experiment> byName = new LinkedHashMap<>();
    for (Experiment e : all()) {
      byName.put(e.name(), e);
    }
    for (String n : names) {
      if (!byName.containsKey(n)) {
        throw new IllegalArgumentException(
            "unknown experiment '" + n + "'; valid: " + String.join(", ", byName.keySet()));
      }
    }
    List<Experiment> out = new ArrayList<>();
    for (Experiment e : byName.values()) {
      if (names.isEmpty() || names.contains(e.name())) {
        out.add(e);
      }
    }
    return out;
  }

  /** Runs {@code experiments} in order, logging each one's name and time. */
  public static List<Section> run(List<Experiment> experiments, LabContext ctx) throws IOException {
    List<Section> out = new ArrayList<>();
    for (Experiment e : experiments) {
      ctx.log().accept("lab: running " + e.name() + " …");
      Section s = e.run(ctx);
      ctx.log()
          .accept(
              String.format(
                  java.util.Locale.ROOT, "lab: %s done in %.1f s", e.name(), s.seconds()));
      out.add(s);
    }
    return out;
  }
}
