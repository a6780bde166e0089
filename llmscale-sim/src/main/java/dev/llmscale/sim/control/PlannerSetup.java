package dev.llmscale.sim.control;

import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.PlannerSignal;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.SloPlanner;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.sim.metrics.FrontendMetrics;
import java.util.List;

/**
 * The core {@link SloPlanner} with its signal queries. The capacity model is shared between runs:
 * it is pure and caches what it has computed.
 */
public record PlannerSetup(
    SloPlannerConfig config,
    CapacityModel capacity,
    List<MetricQuery> signals,
    PipelineFactory pipelines)
    implements PolicySetup {

  public PlannerSetup {
    signals = List.copyOf(signals);
  }

  @Override
  public String label() {
    return "slo-planner";
  }

  @Override
  public ScalingPolicy policy() {
    return new SloPlanner(config, capacity);
  }

  @Override
  public MetricPipeline pipeline(FrontendMetrics metrics) {
    return pipelines.create(metrics, signals, PlannerSignal.TTFT_TAIL.metric());
  }
}
