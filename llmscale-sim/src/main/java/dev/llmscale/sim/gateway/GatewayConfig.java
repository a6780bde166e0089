package dev.llmscale.sim.gateway;

import dev.llmscale.sim.metrics.MetricBuckets;

/**
 * The simulated gateway's settings, as the live gateway's options name them.
 *
 * @param router the core router's name ({@code round-robin}, {@code least-load}, {@code
 *     prefix-aware})
 * @param ttftBudgetSeconds admission control's TTFT budget; 0 turns admission control off
 * @param engineSampleIntervalNanos how often the gateway samples each engine's queue and KV usage
 *     (its engine-metrics scrape)
 * @param metricPrefix prefix of the exported metric names ({@code llmscale_frontend_}, {@code
 *     dynamo_frontend_})
 * @param buckets histogram bucket bounds of the exported metrics
 */
public record GatewayConfig(
    String router,
    double ttftBudgetSeconds,
    long engineSampleIntervalNanos,
    String metricPrefix,
    MetricBuckets buckets) {

  public GatewayConfig {
    if (!(ttftBudgetSeconds >= 0) || Double.isInfinite(ttftBudgetSeconds)) {
      throw new IllegalArgumentException(
          "gateway.ttftBudget must be >= 0 (0: admission control off): " + ttftBudgetSeconds);
    }
    if (engineSampleIntervalNanos <= 0) {
      throw new IllegalArgumentException("gateway.engineSampleInterval must be > 0");
    }
    if (metricPrefix == null || buckets == null) {
      throw new IllegalArgumentException("gateway.metricPrefix and buckets are required");
    }
  }
}
