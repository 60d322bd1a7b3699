package dev.descent.train;

import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes weights in the <a
 * href="https://github.com/huggingface/safetensors">safetensors</a> format, so that Python tools
 * ({@code safetensors.numpy.load_file}, {@code safetensors.torch.load_file}) can read a descent
 * model and descent can read theirs.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8
 * JSON mapping each tensor name to {@code {"dtype":"F32","shape":[…],"data_offsets":[begin,end]}}
 * plus an optional {@code "__metadata__"} object of string values; then the tensors' bytes,
 * little-endian, row-major, at {@code 8 + N + begin}. The writer lays tensors out contiguously in
 * the order given and pads the header with spaces to a multiple of 8 bytes, as the reference
 * implementation does. Only {@code F32} is read and written (descent's only dtype).
 *
 * <p>Tensor names and shapes are descent's own: a {@code Linear} layer's {@code weight} is {@code
 * in × out} (the book's {@code x·W}), the transpose of PyTorch's {@code nn.Linear.weight}, so a
 * PyTorch user loads it with {@code .T}.
 *
 * <pre>{@code
 * SafeTensors.write(path, Weights.of(model), Map.of("descent.model", "mlp"));
 * SafeTensors.Contents c = SafeTensors.read(path);
 * Tensor w = c.tensors().get("layers.0.weight");
 * }</pre>
 */
public final class SafeTensors {
  /** The header key of the free-form string metadata. */
  public static final String METADATA = "__metadata__";

  /** Headers larger than this are rejected as corrupt (the reference limit is 100 MB). */
  static final long MAX_HEADER = 100L << 20;

  private SafeTensors() {}

  /**
   * A file's tensors and metadata, both in file order.
   *
   * @param tensors tensors by name
   * @param metadata the {@code __metadata__} strings (empty when absent)
   */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  /**
   * The file's bytes for {@code tensors} and {@code metadata}.
   *
   * @throws IllegalArgumentException for an empty or reserved tensor name
   */
  public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
    StringBuilder h = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      h.append(JsonText.quote(METADATA)).append(":{");
      boolean first = true;
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        h.append(first ? "" : ",")
            .append(JsonText.quote(e.getKey()))
            .append(':')
            .append(JsonText.quote(e.getValue()));
        first = false;
      }
      h.append('}');
    }
    long offset = 0;
    boolean first = metadata.isEmpty();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty() || name.equals(METADATA)) {
        throw new IllegalArgumentException("tensor name must be non-empty and not " + METADATA);
      }
      Tensor t = e.getValue();
      long end = offset + 4L * t.size();
      h.append(first ? "" : ",").append(JsonText.quote(name)).append(":{\"dtype\":\"F32\",");
      h.append("\"shape\":[");
      int[] shape = t.shape();
      for (int i = 0; i < shape.length; i++) {
        h.append(i == 0 ? "" : ",").append(shape[i]);
      }
      h.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
      offset = end;
      first = false;
    }
    h.append('}');
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (header.length + 7) / 8 * 8;
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded);
    out.put(header);
    for (int i = header.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (Tensor t : tensors.values()) {
      for (float v : t.data()) {
        out.putFloat(v);
      }
    }
    return out.array();
  }

  /**
   * Writes {@code tensors} and {@code metadata} to {@code file} atomically (a temporary file in the
   * same folder, flushed to disk, then renamed), so an existing file is never left truncated.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    AtomicFiles.write(file, encode(tensors, metadata));
  }

  /**
   * Reads a safetensors file.
   *
   * @throws ModelFileException naming the file and byte offset when it is truncated, its header is
   *     not valid JSON of the expected shape, a dtype other than F32 occurs, or the data offsets do
   *     not tile the data section exactly
   */
  public static Contents read(Path file) throws IOException {
    return decode(file, Files.readAllBytes(file));
  }

  /** Decodes a safetensors file's bytes; {@code file} names it in errors. */
  public static Contents decode(Path file, byte[] bytes) throws ModelFileException {
    if (bytes.length < 8) {
      throw new ModelFileException(
          file, "truncated: " + bytes.length + " bytes, a safetensors file needs at least 8");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long n = buf.getLong(0);
    if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
      throw new ModelFileException(
          file,
          "header length at byte 0 is "
              + n
              + " but the file has "
              + (bytes.length - 8L)
              + " bytes after it (truncated or not a safetensors file)");
    }
    int dataStart = 8 + (int) n;
    String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = JsonText.parse(json);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, "header at byte 8 is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map)) {
      throw new ModelFileException(file, "header at byte 8 is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    long dataLength = bytes.length - (long) dataStart;
    for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA)) {
        if (!(e.getValue() instanceof Map)) {
          throw new ModelFileException(file, METADATA + " must be an object of strings");
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
          if (!(m.getValue() instanceof String)) {
            throw new ModelFileException(
                file, METADATA + "." + m.getKey() + " must be a string, got " + m.getValue());
          }
          metadata.put((String) m.getKey(), (String) m.getValue());
        }
        continue;
      }
      if (!(e.getValue() instanceof Map)) {
        throw new ModelFileException(file, "tensor " + name + " must be described by an object");
      }
      Map<?, ?> info = (Map<?, ?>) e.getValue();
      if (!"F32".equals(info.get("dtype"))) {
        throw new ModelFileException(
            file, "tensor " + name + " has dtype " + info.get("dtype") + "; only F32 is supported");
      }
      int[] shape = ints(file, name, "shape", info.get("shape"));
      long[] off = longs(file, name, info.get("data_offsets"));
      long count = 1;
      for (int d : shape) {
        count *= d;
      }
      if (off[0] > off[1] || off[1] > dataLength || off[1] - off[0] != 4 * count) {
        throw new ModelFileException(
            file,
            "tensor "
                + name
                + " has data_offsets ["
                + off[0]
                + ", "
                + off[1]
                + "] but shape "
                + java.util.Arrays.toString(shape)
                + " needs "
                + 4 * count
                + " bytes within the "
                + dataLength
                + "-byte data section at byte "
                + dataStart);
      }
      float[] data = new float[Math.toIntExact(count)];
      ByteBuffer src = ByteBuffer.wrap(bytes, dataStart + (int) off[0], (int) (off[1] - off[0]));
      src.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
      tensors.put(name, Tensor.wrap(data, shape));
      ranges.add(off);
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long covered = 0;
    for (long[] r : ranges) {
      if (r[0] != covered) {
        throw new ModelFileException(
            file,
            "tensor data must be contiguous: a gap or overlap at data offset "
                + covered
                + " (byte "
                + (dataStart + covered)
                + ")");
      }
      covered = r[1];
    }
    if (covered != dataLength) {
      throw new ModelFileException(
          file,
          "the tensors cover "
              + covered
              + " bytes but the data section has "
              + dataLength
              + " (truncated or trailing bytes after byte "
              + (dataStart + covered)
              + ")");
    }
    return new Contents(
        Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
  }

  private static int[] ints(Path file, String name, String key, Object v)
      throws ModelFileException {
    if (!(v instanceof List)) {
      throw new ModelFileException(file, "tensor " + name + " has no " + key + " list");
    }
    List<?> l = (List<?>) v;
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object x = l.get(i);
      if (!(x instanceof Long) || (Long) x < 0 || (Long) x > Integer.MAX_VALUE) {
        throw new ModelFileException(
            file, "tensor " + name + " has an invalid " + key + " entry " + x);
      }
      out[i] = (int) (long) (Long) x;
    }
    return out;
  }

  private static long[] longs(Path file, String name, Object v) throws ModelFileException {
    if (!(v instanceof List) || ((List<?>) v).size() != 2) {
      throw new ModelFileException(file, "tensor " + name + " needs data_offsets [begin, end]");
    }
    long[] out = new long[2];
    for (int i = 0; i < 2; i++) {
      Object x = ((List<?>) v).get(i);
      if (!(x instanceof Long) || (Long) x < 0) {
        throw new ModelFileException(
            file, "tensor " + name + " has an invalid data_offsets entry " + x);
      }
      out[i] = (Long) x;
    }
    return out;
  }
}
