package dev.llmscale.sim.control;

import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.ThresholdPolicy;
import dev.llmscale.sim.metrics.FrontendMetrics;
import java.util.List;

/**
 * The core {@link ThresholdPolicy} (KEDA ScaledObject and HPA) with one KEDA Prometheus query per
 * trigger.
 */
public record ThresholdSetup(
    ThresholdConfig config, List<MetricQuery> triggers, PipelineFactory pipelines)
    implements PolicySetup {

  public ThresholdSetup {
    triggers = List.copyOf(triggers);
    if (triggers.size() != config.triggers().size()) {
      throw new IllegalArgumentException("one query per trigger is required");
    }
  }

  @Override
  public String label() {
    return "threshold";
  }

  @Override
  public ScalingPolicy policy() {
    return new ThresholdPolicy(config);
  }

  @Override
  public MetricPipeline pipeline(FrontendMetrics metrics) {
    return pipelines.create(metrics, triggers, triggers.get(0).name());
  }
}
