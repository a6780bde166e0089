package dev.llmscale.core.workload;

import java.util.List;

/**
 * One request of a production trace.
 *
 * @param arrivalNanos arrival time relative to the trace's first request
 * @param inputTokens prompt length, {@code > 0}
 * @param outputTokens generated tokens, {@code > 0}
 * @param hashIds the trace's prefix block hash ids in prompt order (Mooncake: one per 512-token
 *     block, equal ids at the same position mean a reusable prefix); empty when the trace has none
 */
public record TraceRecord(
    long arrivalNanos, int inputTokens, int outputTokens, List<Long> hashIds) {

  public TraceRecord {
    hashIds = List.copyOf(hashIds);
    if (arrivalNanos < 0) {
      throw new IllegalArgumentException("arrival must be >= 0: " + arrivalNanos);
    }
    if (inputTokens <= 0 || outputTokens <= 0) {
      throw new IllegalArgumentException(
          "input and output tokens must be > 0: " + inputTokens + ", " + outputTokens);
    }
  }
}
