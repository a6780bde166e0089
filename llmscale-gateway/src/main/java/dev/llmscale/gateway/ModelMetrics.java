package dev.llmscale.gateway;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * The per-model series one request records into, resolved once per request so the per-token path
 * does no label lookups.
 */
record ModelMetrics(
    String model,
    DistributionDataPoint timeToFirstToken,
    DistributionDataPoint interTokenLatency,
    DistributionDataPoint requestDuration,
    DistributionDataPoint inputSequenceTokens,
    DistributionDataPoint outputSequenceTokens,
    CounterDataPoint outputTokens,
    GaugeDataPoint queued,
    GaugeDataPoint inflight) {}
