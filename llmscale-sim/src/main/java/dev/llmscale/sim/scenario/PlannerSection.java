package dev.llmscale.sim.scenario;

import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.LengthMix;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PlannerSignal;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.SimulatedCapacity;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.policy.SteadyStateCapacity;
import dev.llmscale.core.predict.PredictorConfig;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.control.MetricQuery;
import dev.llmscale.sim.control.PipelineFactory;
import dev.llmscale.sim.control.PlannerQueries;
import dev.llmscale.sim.control.PlannerSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.workload.ObservedMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code policies.slo-planner}: the planner's settings, its capacity model (over the
 * scenario's own engine and performance model) and its signal queries.
 */
final class PlannerSection {
  /** Requests a length mix needs before the first tick for its tail to mean something. */
  static final int MIX_AT_LEAST = 200;

  private PlannerSection() {}

  static PlannerSetup read(
      ScenarioNode node,
      FleetConfig fleet,
      SloTargets slo,
      String metricPrefix,
      long scrapeIntervalNanos,
      long seed,
      PipelineFactory pipelines,
      SimulationSetup setup) {
    node.allowOnly(
        "minReplicas",
        "maxReplicas",
        "targetUtilization",
        "scaleDownUtilization",
        "tickInterval",
        "predictor",
        "leadTimePrior",
        "leadTimePriorWeight",
        "scaleDownWindow",
        "scaleDownMaxFraction",
        "panic",
        "gpuBudget",
        "assumedShape",
        "capacity",
        "capacityRequests",
        "signals",
        "errorBudget");
    long lead = fleet.meanLeadNanos();
    ScenarioNode panic =
        node.field("panic").allowOnly("latencyRatio", "queuePerReplica", "maxFactor", "window");
    SloPlannerConfig.Panic p = SloPlannerConfig.Panic.DEFAULTS;
    ScenarioNode shape = node.field("assumedShape").allowOnly("input", "output");
    ScenarioNode budget = node.field("errorBudget").allowOnly("period");
    SloPlannerConfig config;
    try {
      config =
          new SloPlannerConfig(
              List.of(
                  new SloPlannerConfig.Pool(
                      fleet.service(),
                      PoolRole.AGGREGATED,
                      node.field("minReplicas").integerOr(1),
                      node.field("maxReplicas").requirePresent().integer(),
                      fleet.replica().gpus())),
              slo,
              node.field("targetUtilization").numberOr(0.85),
              node.field("scaleDownUtilization").numberOr(0.7),
              duration(node.field("tickInterval"), 15_000_000_000L),
              PredictorConfig.defaults(node.field("predictor").textOr("kalman")),
              duration(node.field("leadTimePrior"), lead),
              node.field("leadTimePriorWeight").numberOr(3),
              duration(node.field("scaleDownWindow"), 300_000_000_000L),
              node.field("scaleDownMaxFraction").numberOr(0.25),
              new SloPlannerConfig.Panic(
                  panic.field("latencyRatio").numberOr(p.latencyRatio()),
                  panic.field("queuePerReplica").numberOr(p.queuePerReplica()),
                  panic.field("maxFactor").numberOr(p.maxFactor()),
                  duration(panic.field("window"), p.window().toNanos())),
              node.field("gpuBudget").integerOr(0),
              new LoadShape(
                  shape.field("input").numberOr(1000), shape.field("output").numberOr(200)),
              Duration.ofSeconds(signalWindowSeconds(node.field("signals"), scrapeIntervalNanos)),
              new SloPlannerConfig.ErrorBudget(duration(budget.field("period"), 0)));
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
    String capacityKind =
        node.field("capacity").choice("steady-state", "steady-state", "simulated", "mix");
    LengthMix mix = null;
    if (capacityKind.equals("mix")) {
      // the lengths the gateway saw before the first tick: known then, not the rest of the run
      try {
        mix = ObservedMix.before(setup, seed, setup.policyStartNanos(), MIX_AT_LEAST);
      } catch (IllegalArgumentException e) {
        throw node.field("capacity").error(e);
      }
    }
    CapacityModel capacity;
    try {
      capacity =
          capacityKind.equals("steady-state")
              ? new SteadyStateCapacity(
                  fleet.replica().performance(), fleet.replica().engine(), slo)
              : new SimulatedCapacity(
                  fleet.replica().performance(),
                  fleet.replica().engine(),
                  slo,
                  node.field("capacityRequests").integerOr(mix == null ? 400 : 1000),
                  seed,
                  mix);
    } catch (IllegalArgumentException e) {
      throw node.field("capacityRequests").error(e);
    }
    List<MetricQuery> signals =
        signals(
            node.field("signals"),
            metricPrefix,
            slo,
            scrapeIntervalNanos,
            config.errorBudget(),
            budget.field("period"));
    return new PlannerSetup(config, capacity, signals, pipelines);
  }

  /**
   * The signal queries. Their {@code rate()} window defaults to one minute, or four scrape
   * intervals if that is longer: a window holding fewer than two samples makes {@code rate} return
   * nothing, and the planner would hold forever, as it would in production.
   */
  private static List<MetricQuery> signals(
      ScenarioNode node,
      String prefix,
      SloTargets slo,
      long scrapeIntervalNanos,
      SloPlannerConfig.ErrorBudget budget,
      ScenarioNode periodNode) {
    List<String> fields = new ArrayList<>(List.of("window"));
    for (PlannerSignal signal : PlannerSignal.values()) {
      fields.add(signal.metric());
    }
    node.allowOnly(fields.toArray(String[]::new));
    long window = signalWindowSeconds(node, scrapeIntervalNanos);
    List<MetricQuery> defaults =
        new ArrayList<>(PlannerQueries.defaults(prefix, window, slo.quantile()));
    if (budget.enabled()) {
      try {
        defaults.addAll(
            PlannerQueries.errorBudget(
                prefix, slo.ttftSeconds(), window, budget.period().toSeconds()));
      } catch (IllegalArgumentException e) {
        throw periodNode.error(e);
      }
    }
    List<MetricQuery> queries = new ArrayList<>();
    for (MetricQuery query : defaults) {
      ScenarioNode override = node.field(query.name());
      queries.add(override.isPresent() ? MetricQuery.signal(query.name(), override.text()) : query);
    }
    ScenarioNode goodput = node.field(PlannerSignal.GOODPUT.metric());
    if (goodput.isPresent()) {
      queries.add(MetricQuery.signal(PlannerSignal.GOODPUT.metric(), goodput.text()));
    }
    return queries;
  }

  private static long signalWindowSeconds(ScenarioNode node, long scrapeIntervalNanos) {
    long fallback = Math.max(60_000_000_000L, 4 * scrapeIntervalNanos);
    long window = node.field("window").nanosOr(fallback) / 1_000_000_000L;
    if (window < 1) {
      throw node.field("window").error("must be at least 1s");
    }
    return window;
  }

  private static Duration duration(ScenarioNode node, long fallbackNanos) {
    return Duration.ofNanos(node.nanosOr(fallbackNanos));
  }
}
