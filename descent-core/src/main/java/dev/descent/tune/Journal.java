package dev.descent.tune;

import dev.descent.train.JsonText;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only record of a search: a header line with the search's settings, then one {@link
 * TrialResult#toJson()} line per finished trial, each written with a single write, then forced to
 * the disk ({@link FileChannel#force}) before the trial counts as done.
 *
 * <p><b>Resume.</b> Reopening checks the header against the settings of the resuming search and
 * reads every finished trial. A last line without its newline, or one that does not parse, is what
 * a kill during a write leaves (a torn write): it is cut off and that trial runs again. A corrupt
 * line before the last one is not a torn write and fails with an {@link IOException} naming the
 * byte offset.
 */
public final class Journal implements Closeable {
  /** The journal's file name inside the output folder. */
  public static final String FILE = "journal.jsonl";

  private final Path file;
  private final FileChannel channel;
  private final List<TrialResult> finished;
  private final long tornBytes;

  private Journal(Path file, FileChannel channel, List<TrialResult> finished, long tornBytes) {
    this.file = file;
    this.channel = channel;
    this.finished = finished;
    this.tornBytes = tornBytes;
  }

  /**
   * Creates a journal, or reopens one to resume.
   *
   * @param file the journal file
   * @param settings what must match on resume (sampler, space, seed, data, …)
   * @param resume whether to continue an existing journal (a missing one starts fresh)
   * @throws IllegalArgumentException when not resuming and the file holds trials already, or when
   *     resuming a journal written with other settings (naming the first difference)
   * @throws IOException when the file cannot be read or written, or is corrupt before its last line
   */
  public static Journal open(Path file, Map<String, String> settings, boolean resume)
      throws IOException {
    String header = header(settings);
    List<TrialResult> finished = new ArrayList<>();
    long torn = 0;
    boolean exists = Files.exists(file) && Files.size(file) > 0;
    if (exists && !resume) {
      throw new IllegalArgumentException(
          file + " exists already; pass --resume to continue it, or choose another --out");
    }
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (exists) {
        byte[] bytes = Files.readAllBytes(file);
        long good = read(file, bytes, settings, finished);
        torn = bytes.length - good;
        if (torn > 0) {
          ch.truncate(good);
          ch.force(true);
        }
      } else {
        ch.truncate(0);
        write(ch, header);
      }
      ch.position(ch.size());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new Journal(file, ch, finished, torn);
  }

  /** The trials read from the journal when it was opened. */
  public List<TrialResult> finished() {
    return Collections.unmodifiableList(finished);
  }

  /** The bytes of a torn last line cut off when the journal was opened (0 if none). */
  public long tornBytes() {
    return tornBytes;
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  /** Appends {@code r} and forces it to the disk; safe to call from several threads. */
  public synchronized void append(TrialResult r) throws IOException {
    write(channel, r.toJson());
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private static void write(FileChannel ch, String line) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    ch.force(false);
  }

  static String header(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder("{\"descent_tune\":1,\"settings\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      sb.append(first ? "" : ",").append(JsonText.quote(e.getKey()));
      sb.append(':').append(JsonText.quote(e.getValue()));
      first = false;
    }
    return sb.append("}}").toString();
  }

  /** Reads the header and the trials; returns the length of the intact part. */
  private static long read(
      Path file, byte[] bytes, Map<String, String> settings, List<TrialResult> out)
      throws IOException {
    int start = 0;
    int lineNo = 0;
    while (start < bytes.length) {
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      if (nl == bytes.length) {
        return start; // no newline: a torn write
      }
      String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
      boolean last = nl == bytes.length - 1;
      if (lineNo == 0) {
        checkHeader(file, line, settings);
      } else {
        try {
          out.add(TrialResult.fromJson(line));
        } catch (IllegalArgumentException e) {
          if (last) {
            return start;
          }
          throw new IOException(
              file + ": corrupt line " + (lineNo + 1) + " at byte " + start + ": " + e.getMessage(),
              e);
        }
      }
      lineNo++;
      start = nl + 1;
    }
    if (lineNo == 0) {
      throw new IOException(file + ": no header line at byte 0");
    }
    return start;
  }

  private static void checkHeader(Path file, String line, Map<String, String> settings)
      throws IOException {
    Object parsed;
    try {
      parsed = JsonText.parse(line);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (!(parsed instanceof Map) || !((Map<?, ?>) parsed).containsKey("descent_tune")) {
      throw new IOException(file + ": not a descent tune journal (no header at byte 0)");
    }
    Object s = ((Map<?, ?>) parsed).get("settings");
    Map<String, String> written = new LinkedHashMap<>();
    if (s instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
        written.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
      }
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String w = written.get(e.getKey());
      if (!e.getValue().equals(w)) {
        throw new IllegalArgumentException(
            file
                + " was written for "
                + e.getKey()
                + "="
                + w
                + ", but this search has "
                + e.getKey()
                + "="
                + e.getValue()
                + "; resume with the same settings or choose another --out");
      }
    }
  }
}
