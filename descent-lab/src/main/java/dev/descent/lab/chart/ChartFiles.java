package dev.descent.lab.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves XChart charts as PNG or SVG, to exactly the path given (no extension is appended). */
public final class ChartFiles {
  private ChartFiles() {}

  /** Image formats charts can be saved in. */
  public enum Format {
    /** Portable Network Graphics (bitmap). */
    PNG,
    /** Scalable Vector Graphics. */
    SVG;

    /**
     * The format named {@code name} ({@code png} or {@code svg}, any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Format parse(String name) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "png":
          return PNG;
        case "svg":
          return SVG;
        default:
          throw new IllegalArgumentException("image format must be png or svg, got '" + name + "'");
      }
    }
  }

  /**
   * Writes {@code chart} to {@code out} in {@code format}, replacing an existing file.
   *
   * @throws IOException naming the file when it cannot be written
   */
  public static void save(Chart<?, ?> chart, Path out, Format format) throws IOException {
    try (OutputStream stream = Files.newOutputStream(out)) {
      if (format == Format.PNG) {
        BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG);
      } else {
        VectorGraphicsEncoder.saveVectorGraphic(
            chart, stream, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      }
    } catch (NoSuchFileException e) {
      throw new IOException("cannot write " + out + ": its directory does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot write " + out + ": permission denied", e);
    }
  }
}
