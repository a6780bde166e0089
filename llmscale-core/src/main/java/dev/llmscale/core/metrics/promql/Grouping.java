package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code by (...)} or {@code without (...)} clause of an aggregation; none groups everything
 * together.
 */
record Grouping(boolean without, List<String> labels) {

  static final Grouping NONE = new Grouping(false, List.of());

  Grouping {
    labels = List.copyOf(labels);
  }

  /** The labels of the group {@code series} falls into, which are also its result's labels. */
  Labels groupOf(Labels series) {
    if (!without) {
      return series.keep(labels);
    }
    List<String> dropped = new ArrayList<>(labels);
    dropped.add(Labels.METRIC_NAME);
    return series.without(dropped);
  }
}
