package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.ScalingPolicy;
import java.util.List;

/** The scaling policy a configuration file selects ({@code policy}), with its settings. */
public sealed interface PolicySpec permits ThresholdSpec, PlannerSpec {

  /** {@code threshold} or {@code slo-planner}. */
  String kind();

  /** The services it scales; each has one entry in {@code targets}. */
  List<String> services();

  /** What the metric source runs at every tick, one reading per query. */
  List<MetricQuery> queries();

  /** A fresh policy: all its memory (windows, forecasts) starts empty. */
  ScalingPolicy createPolicy();
}
