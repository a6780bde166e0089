package dev.llmscale.sim.metrics;

import dev.llmscale.core.metrics.FrontendBuckets;

/**
 * Histogram bucket bounds of the exported gateway metrics.
 *
 * @param ttftSeconds bounds of {@code time_to_first_token_seconds}
 * @param itlSeconds bounds of {@code inter_token_latency_seconds}
 * @param durationSeconds bounds of {@code request_duration_seconds}
 * @param sequenceTokens bounds of {@code input_sequence_tokens} and {@code output_sequence_tokens}
 */
public record MetricBuckets(
    double[] ttftSeconds, double[] itlSeconds, double[] durationSeconds, double[] sequenceTokens) {

  /** The live gateway's buckets. */
  public static final MetricBuckets GATEWAY =
      new MetricBuckets(
          FrontendBuckets.timeToFirstTokenSeconds(),
          FrontendBuckets.interTokenLatencySeconds(),
          FrontendBuckets.requestDurationSeconds(),
          FrontendBuckets.sequenceTokens());
}
