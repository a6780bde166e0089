package dev.llmscale.cli.demo;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.HpaControllerSettings;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PlannerQueries;
import dev.llmscale.core.policy.PlannerSignal;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.SimulatedCapacity;
import dev.llmscale.core.policy.SloPlanner;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.ThresholdPolicy;
import dev.llmscale.core.policy.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two policies the demo compares, set up as a user would set them up for the same service: a
 * KEDA ScaledObject with a TTFT-p99 trigger at the SLO, and the SLO planner with the same target.
 * Both read the gateway's metrics through the same queries.
 */
final class DemoPolicies {
  static final String SERVICE = "llm";
  static final String TTFT_TRIGGER = "ttft_p99";

  /** Every query, the trigger's included: the planner's defaults over the demo's window. */
  private static final Map<PlannerSignal, String> QUERIES =
      PlannerQueries.defaults(
          "llmscale_frontend_", DemoSettings.QUERY_WINDOW.toSeconds() + "s", 0.99);

  // The demo compares policies on TTFT alone: p99 ITL (which includes every decode step that
  // shares a step with a 1,000-token prefill chunk) gets a target it meets at any load here.
  private static final double ITL_TARGET_SECONDS = 1.0;
  private static final int CAPACITY_TRIAL_REQUESTS = 400;

  private DemoPolicies() {}

  /** A policy of {@code kind} and the queries it reads. */
  record Setup(ScalingPolicy policy, List<MetricQuery> queries) {}

  static Setup create(
      String kind, DemoSettings settings, PerformanceModel performance, EngineConfig engine) {
    double slo = settings.sloTtft().toMillis() / 1000.0;
    return switch (kind) {
      case "threshold" -> threshold(settings, slo);
      case "slo-planner" -> planner(settings, slo, performance, engine);
      default -> throw new IllegalArgumentException("unknown policy " + kind);
    };
  }

  /**
   * KEDA's usual latency setup: one Prometheus trigger on p99 TTFT, {@code AverageValue} (KEDA's
   * default metricType) with the SLO as threshold, no {@code behavior} (the legacy HPA path).
   */
  private static Setup threshold(DemoSettings settings, double slo) {
    ThresholdConfig config =
        ThresholdConfig.of(SERVICE, Trigger.averageValue(TTFT_TRIGGER, slo))
            .withPollingInterval(DemoSettings.POLLING_INTERVAL_SECONDS)
            .withCooldownPeriod(DemoSettings.DOWNSCALE_STABILIZATION_SECONDS)
            .withReplicaCounts(settings.minReplicas(), settings.maxReplicas())
            .withHpa(
                new HpaControllerSettings(
                    DemoSettings.HPA_SYNC_SECONDS,
                    HpaControllerSettings.DEFAULTS.tolerance(),
                    DemoSettings.DOWNSCALE_STABILIZATION_SECONDS));
    List<MetricQuery> queries = new ArrayList<>();
    queries.add(new MetricQuery(TTFT_TRIGGER, QUERIES.get(PlannerSignal.TTFT_TAIL), true));
    queries.add(
        new MetricQuery(
            PlannerSignal.REQUEST_RATE.metric(), QUERIES.get(PlannerSignal.REQUEST_RATE), true));
    return new Setup(new ThresholdPolicy(config), queries);
  }

  private static Setup planner(
      DemoSettings settings, double slo, PerformanceModel performance, EngineConfig engine) {
    SloTargets targets = new SloTargets(slo, ITL_TARGET_SECONDS, 0.99);
    Duration window = Duration.ofSeconds(DemoSettings.DOWNSCALE_STABILIZATION_SECONDS);
    SloPlannerConfig config =
        SloPlannerConfig.aggregated(
                SERVICE, settings.minReplicas(), settings.maxReplicas(), targets)
            .withTickInterval(Duration.ofSeconds(DemoSettings.HPA_SYNC_SECONDS))
            .withLeadTimePrior(settings.coldStart().plusSeconds(DemoSettings.HPA_SYNC_SECONDS), 3)
            .withScaleDown(window, 0.25)
            .withPanic(new SloPlannerConfig.Panic(1.0, 4, 2.0, Duration.ofSeconds(15)))
            .withAssumedShape(new LoadShape(settings.inputTokens(), settings.outputTokens()))
            .withSignalWindow(DemoSettings.QUERY_WINDOW);
    // The emulated replicas run the core engine scheduler, so running it is their exact profile
    // (what `llmscale profile` measures on a real engine); measured once for the expected mix here
    // so that the first tick does not wait for it.
    CapacityModel capacity =
        new SimulatedCapacity(
            performance, engine, targets, CAPACITY_TRIAL_REQUESTS, settings.seed());
    capacity.maxRatePerReplica(PoolRole.AGGREGATED, config.assumedShape());
    SloPlanner planner = new SloPlanner(config, capacity);
    List<MetricQuery> queries = new ArrayList<>();
    QUERIES.forEach((signal, query) -> queries.add(new MetricQuery(signal.metric(), query, false)));
    return new Setup(planner, queries);
  }
}
