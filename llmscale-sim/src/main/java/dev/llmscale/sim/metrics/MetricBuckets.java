package dev.llmscale.sim.metrics;

/**
 * Histogram bucket bounds of the exported gateway metrics.
 *
 * @param ttftSeconds bounds of {@code time_to_first_token_seconds}
 * @param itlSeconds bounds of {@code inter_token_latency_seconds}
 * @param durationSeconds bounds of {@code request_duration_seconds}
 * @param sequenceTokens bounds of {@code input_sequence_tokens} and {@code output_sequence_tokens}
 */
public record MetricBuckets(
    double[] ttftSeconds, double[] itlSeconds, double[] durationSeconds, double[] sequenceTokens) {}
