package dev.llmscale.core.route;

import java.util.Objects;

/**
 * What a router may know about a request: the chained hashes of its prompt's full KV blocks ({@link
 * dev.llmscale.core.kv.BlockHashes}) and its prompt length.
 *
 * @param blockHashes prefix-chained block hashes; not copied, callers must not change it
 * @param promptTokens prompt length in tokens
 */
public record RouteRequest(long[] blockHashes, int promptTokens) {
  private static final long[] NONE = new long[0];

  public RouteRequest {
    Objects.requireNonNull(blockHashes, "blockHashes");
    if (promptTokens < 0) {
      throw new IllegalArgumentException("promptTokens must be >= 0: " + promptTokens);
    }
  }

  /** A request whose prompt is unknown to the router (no prefix affinity possible). */
  public static RouteRequest withoutPrompt() {
    return new RouteRequest(NONE, 0);
  }
}
