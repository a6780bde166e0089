package dev.llmscale.gateway;

import dev.llmscale.core.metrics.FrontendBuckets;

/**
 * Histogram bucket boundaries of the gateway metrics: {@link FrontendBuckets} in core, where the
 * simulator's gateway takes them too (their accuracy argument is documented there).
 */
final class MetricBuckets {
  static final double[] TIME_TO_FIRST_TOKEN_SECONDS = FrontendBuckets.timeToFirstTokenSeconds();

  static final double[] INTER_TOKEN_LATENCY_SECONDS = FrontendBuckets.interTokenLatencySeconds();

  static final double[] REQUEST_DURATION_SECONDS = FrontendBuckets.requestDurationSeconds();

  static final double[] SEQUENCE_TOKENS = FrontendBuckets.sequenceTokens();

  private MetricBuckets() {}
}
