package dev.llmscale.sim.control;

import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.sim.metrics.FrontendMetrics;

/** How one compared policy is built for a run: the core policy and the metric path it reads. */
public interface PolicySetup {

  /** The label results carry: {@code threshold}, {@code slo-planner}. */
  String label();

  /** A fresh policy with no memory. */
  ScalingPolicy policy();

  /** The metric pipeline over this run's gateway metrics. */
  MetricPipeline pipeline(FrontendMetrics metrics);
}
