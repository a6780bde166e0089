package dev.llmscale.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmscale.sim.Comparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a comparison as JSON: {@code runs}, one object per policy with its summary, time series
 * and scaling actions, and {@code oracle}, the bound on GPU-hours with its replicas per window;
 * field names as the result records name them. Values without data (a percentile of nothing) are
 * written as the string {@code "NaN"} (Jackson's default for non-finite numbers).
 */
public final class ResultsJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static String toJson(Comparison.Result comparison) {
    try {
      return JSON.writeValueAsString(comparison);
    } catch (IOException e) {
      throw new IllegalStateException("results cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Writes {@code comparison} to {@code file}, creating its directory. */
  public static Path write(Path file, Comparison.Result comparison) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, toJson(comparison) + "\n");
    return file;
  }
}
