package dev.llmscale.core.metrics;

import java.util.List;
import java.util.Map;

/**
 * What one {@code /metrics} page holds.
 *
 * @param samples every sample line in page order, metric name under {@link Labels#METRIC_NAME}
 * @param types the {@code # TYPE} of each family that declared one, by family name
 */
public record Exposition(List<Sample> samples, Map<String, MetricType> types) {

  public Exposition {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
  }
}
