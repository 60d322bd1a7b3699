package dev.descent.train;

import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Supervised pretraining (seed 003; Deep Learning book §8.7.4): initialize a network from the
 * weights of one trained before, all of them or chosen layers, and optionally keep those fixed
 * ({@link Trainer#freeze}). Greedy layer-wise pretraining chains it: train a shallow net, save it,
 * build one with an extra hidden layer, load the layers the two share, and continue.
 *
 * <p>Layers are numbered 1, 2, … in model order among the layers that hold parameters (Linear and
 * batch norm), so in {@code 784-100-10} and {@code 784-100-100-10} MLPs layer 1 is the first Linear
 * layer of both. A chosen layer takes its parameters and buffers (batch norm's running statistics)
 * from the tensors of the same name in the file, which must have the same shapes.
 *
 * <pre>{@code
 * List<String> loaded = Pretraining.load(deeper, Path.of("shallow.safetensors"), Set.of(1));
 * trainer.freeze(loaded);
 * }</pre>
 */
public final class Pretraining {
  private Pretraining() {}

  /**
   * Copies weights from the safetensors {@code file} into {@code model}.
   *
   * @param layers the 1-based layer numbers to load; empty for all, in which case the file must
   *     hold exactly the model's tensors
   * @return the names of the parameters loaded (for {@link Trainer#freeze})
   * @throws ModelFileException naming the file and the first missing or differently shaped tensor
   *     (the model is unchanged then), or when the file is unreadable
   * @throws IllegalArgumentException for a layer number outside [1, number of layers]
   */
  public static List<String> load(Sequential model, Path file, Set<Integer> layers)
      throws IOException {
    Map<String, Tensor> own = Weights.of(model);
    List<String> prefixes = new ArrayList<>();
    for (String name : own.keySet()) {
      String prefix = name.substring(0, name.lastIndexOf('.') + 1);
      if (!prefixes.contains(prefix)) {
        prefixes.add(prefix);
      }
    }
    for (int l : layers) {
      if (l < 1 || l > prefixes.size()) {
        throw new IllegalArgumentException(
            "--init-layers must be in [1, "
                + prefixes.size()
                + "] (the layers with parameters), got "
                + l);
      }
    }
    Map<String, Tensor> saved = SafeTensors.read(file).tensors();
    List<String> names = new ArrayList<>();
    Set<String> parameterNames = new TreeSet<>();
    model.parameters().forEach(p -> parameterNames.add(p.name()));
    if (layers.isEmpty()) {
      Weights.load(model, saved, file);
      return orderedParameters(model, new ArrayList<>(parameterNames));
    }
    Map<String, Tensor> chosen = new LinkedHashMap<>();
    for (int l : new TreeSet<>(layers)) {
      String prefix = prefixes.get(l - 1);
      for (Map.Entry<String, Tensor> e : own.entrySet()) {
        if (!e.getKey().startsWith(prefix) || e.getKey().indexOf('.', prefix.length()) >= 0) {
          continue;
        }
        Tensor s = saved.get(e.getKey());
        if (s == null) {
          throw new ModelFileException(
              file,
              "has no tensor "
                  + e.getKey()
                  + " for layer "
                  + l
                  + " (it holds "
                  + saved.keySet()
                  + ")");
        }
        if (!Arrays.equals(s.shape(), e.getValue().shape())) {
          throw new ModelFileException(
              file,
              "tensor "
                  + e.getKey()
                  + " has shape "
                  + Arrays.toString(s.shape())
                  + " but layer "
                  + l
                  + " of the model needs "
                  + Arrays.toString(e.getValue().shape()));
        }
        chosen.put(e.getKey(), s);
      }
    }
    for (Map.Entry<String, Tensor> e : chosen.entrySet()) {
      own.get(e.getKey()).copyFrom(e.getValue());
      if (parameterNames.contains(e.getKey())) {
        names.add(e.getKey());
      }
    }
    return orderedParameters(model, names);
  }

  private static List<String> orderedParameters(Sequential model, List<String> names) {
    return model.parameters().stream().map(p -> p.name()).filter(names::contains).toList();
  }
}
