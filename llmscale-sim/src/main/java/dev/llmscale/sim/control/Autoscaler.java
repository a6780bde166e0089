package dev.llmscale.sim.control;

import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.Observation;
import dev.llmscale.core.policy.ScalingDecision;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ServiceDecision;
import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.sim.fleet.Cluster;
import dev.llmscale.sim.report.RunRecorder;
import java.util.Map;

/**
 * The live autoscaler's loop in virtual time: read the scale target, run the queries, tick the core
 * {@link ScalingPolicy}, write the desired count when it differs, and come back at the decision's
 * {@code nextTickNanos}.
 */
public final class Autoscaler {
  private final ScalingPolicy policy;
  private final MetricPipeline pipeline;
  private final Cluster cluster;
  private final RunRecorder recorder;

  public Autoscaler(
      ScalingPolicy policy, MetricPipeline pipeline, Cluster cluster, RunRecorder recorder) {
    if (!policy.services().equals(java.util.List.of(cluster.service()))) {
      throw new IllegalArgumentException(
          "the policy scales "
              + policy.services()
              + " but the simulated fleet is the single service '"
              + cluster.service()
              + "'");
    }
    this.policy = policy;
    this.pipeline = pipeline;
    this.cluster = cluster;
    this.recorder = recorder;
  }

  public MetricPipeline pipeline() {
    return pipeline;
  }

  /** One tick; returns when the policy wants the next. */
  public long tick(long nowNanos) {
    ServiceState state = cluster.state();
    Map<String, MetricReading> readings = pipeline.read(nowNanos);
    ScalingDecision decision =
        policy.tick(nowNanos, new Observation(Map.of(cluster.service(), state), readings));
    recorder.policySignal(pipeline.headline(readings));
    ServiceDecision mine = decision.decision(cluster.service());
    if (mine.desiredReplicas() != state.replicas()) {
      recorder.action(nowNanos, state.replicas(), mine.desiredReplicas(), mine.reason());
      cluster.scaleTo(mine.desiredReplicas(), nowNanos);
    }
    return decision.nextTickNanos();
  }
}
