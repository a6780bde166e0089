package dev.llmscale.core.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The trace file formats llmscale replays. */
public enum TraceFormat {
  /**
   * Azure LLM inference trace (Splitwise, 2023/2024): CSV with header {@code
   * TIMESTAMP,ContextTokens,GeneratedTokens}, timestamps as naive wall-clock strings such as {@code
   * 2023-11-16 18:17:03.9799600}.
   */
  AZURE_CSV("azure", 0),
  /**
   * Mooncake (FAST'25): JSON Lines with {@code timestamp} (ms), {@code input_length}, {@code
   * output_length} and {@code hash_ids} of 512-token prefix blocks.
   */
  MOONCAKE_JSONL("mooncake", 512);

  private final String cliName;
  private final int hashBlockTokens;

  TraceFormat(String cliName, int hashBlockTokens) {
    this.cliName = cliName;
    this.hashBlockTokens = hashBlockTokens;
  }

  /** The name users write ({@code azure}, {@code mooncake}). */
  public String cliName() {
    return cliName;
  }

  /** Tokens covered by one hash id, 0 when the format has no hash ids. */
  public int hashBlockTokens() {
    return hashBlockTokens;
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static TraceFormat named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (TraceFormat format : values()) {
      if (format.cliName.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown trace format '" + name + "'; known: azure, mooncake");
  }

  /** Guesses the format from a file name ({@code .csv}, {@code .jsonl}/{@code .json}). */
  public static Optional<TraceFormat> ofFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return Optional.of(AZURE_CSV);
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
      return Optional.of(MOONCAKE_JSONL);
    }
    return Optional.empty();
  }

  List<TraceRecord> parse(BufferedReader in, String source) throws IOException {
    return switch (this) {
      case AZURE_CSV -> new AzureTraceParser(source).parse(in);
      case MOONCAKE_JSONL -> new MooncakeTraceParser(source).parse(in);
    };
  }
}
