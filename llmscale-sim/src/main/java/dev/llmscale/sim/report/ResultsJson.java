package dev.llmscale.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes results as JSON: one object per policy with its summary, time series and scaling actions,
 * field names as the result records name them. Values without data (a percentile of nothing) are
 * written as the string {@code "NaN"} (Jackson's default for non-finite numbers).
 */
public final class ResultsJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static String toJson(List<RunResult> results) {
    try {
      return JSON.writeValueAsString(results);
    } catch (IOException e) {
      throw new IllegalStateException("results cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Writes {@code results} to {@code file}, creating its directory. */
  public static Path write(Path file, List<RunResult> results) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, toJson(results) + "\n");
    return file;
  }
}
