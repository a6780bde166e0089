package dev.llmscale.core.engine;

/**
 * One generation request as the engine sees it.
 *
 * @param id unique among the requests an engine holds
 * @param promptTokens prompt length in tokens
 * @param blockHashes chained hashes of the prompt's full KV blocks (see {@code BlockHashes}); may
 *     be shorter than the prompt's block count (then only that prefix is cacheable) or empty.
 *     Treated as immutable.
 * @param maxTokens output tokens to generate
 * @param arrivalNanos when the request reached the engine, on the driving clock
 * @param endsWithStop the last token is the model's stop token (finish reason {@code stop});
 *     otherwise the request runs into {@code max_tokens} (finish reason {@code length})
 */
public record EngineRequest(
    String id,
    int promptTokens,
    long[] blockHashes,
    int maxTokens,
    long arrivalNanos,
    boolean endsWithStop) {

  private static final long[] NO_HASHES = new long[0];

  public EngineRequest {
    if (id == null) {
      throw new IllegalArgumentException("request id is required");
    }
    if (promptTokens <= 0) {
      throw new IllegalArgumentException("prompt must have at least one token: " + promptTokens);
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("max_tokens must be > 0: " + maxTokens);
    }
    if (blockHashes == null) {
      blockHashes = NO_HASHES;
    }
  }

  /** A request that generates exactly {@code maxTokens} tokens. */
  public EngineRequest(
      String id, int promptTokens, long[] blockHashes, int maxTokens, long arrivalNanos) {
    this(id, promptTokens, blockHashes, maxTokens, arrivalNanos, false);
  }

  /** A request whose prompt shares no cacheable prefix. */
  public static EngineRequest uncached(String id, int promptTokens, int maxTokens, long arrival) {
    return new EngineRequest(id, promptTokens, NO_HASHES, maxTokens, arrival, false);
  }
}
