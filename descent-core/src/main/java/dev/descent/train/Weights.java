package dev.descent.train;

import dev.descent.nn.Parameter;
import dev.descent.nn.Sequential;
import dev.descent.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's weights by name: its parameters ({@code layers.0.weight}, …) followed by its buffers
 * (batch norm's {@code layers.1.running_mean}, …), the tensors a safetensors file or checkpoint
 * holds.
 */
public final class Weights {
  private Weights() {}

  /** The model's parameter and buffer tensors (shared, not copied) in model order. */
  public static Map<String, Tensor> of(Sequential model) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (Parameter p : model.parameters()) {
      m.put(p.name(), p.value());
    }
    m.putAll(model.buffers());
    return Collections.unmodifiableMap(m);
  }

  /**
   * Copies {@code saved} into the model's tensors.
   *
   * @param file the file {@code saved} came from, named in errors
   * @throws ModelFileException naming the first tensor that is missing, extra or of another shape;
   *     the model is unchanged then
   */
  public static void load(Sequential model, Map<String, Tensor> saved, Path file)
      throws ModelFileException {
    Map<String, Tensor> own = of(model);
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor s = saved.get(e.getKey());
      if (s == null) {
        throw new ModelFileException(
            file, "has no tensor " + e.getKey() + " (it holds " + saved.keySet() + ")");
      }
      if (!Arrays.equals(s.shape(), e.getValue().shape())) {
        throw new ModelFileException(
            file,
            "tensor "
                + e.getKey()
                + " has shape "
                + Arrays.toString(s.shape())
                + " but the model needs "
                + Arrays.toString(e.getValue().shape()));
      }
    }
    for (String name : saved.keySet()) {
      if (!own.containsKey(name)) {
        throw new ModelFileException(
            file, "holds tensor " + name + " that the model does not have");
      }
    }
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      e.getValue().copyFrom(saved.get(e.getKey()));
    }
  }

  /**
   * The SHA-256 (lower-case hex) of every parameter and buffer value as little-endian float32
   * bytes, in model order: equal hashes mean bit-identical weights.
   */
  public static String sha256(Sequential model) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : of(model).values()) {
      for (float v : t.data()) {
        if (!buf.hasRemaining()) {
          md.update(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(v);
      }
    }
    md.update(buf.array(), 0, buf.position());
    return HexFormat.of().formatHex(md.digest());
  }
}
