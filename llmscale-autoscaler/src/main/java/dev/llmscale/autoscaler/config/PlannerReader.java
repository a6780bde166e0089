package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.SloPlannerConfig;
import dev.llmscale.core.policy.SloPlannerConfig.Panic;
import dev.llmscale.core.policy.SloPlannerConfig.Pool;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.predict.PredictorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {@code planner} into the SLO planner's settings; defaults are the core's. */
final class PlannerReader {
  private static final List<String> POOL_FIELDS =
      List.of("service", "role", "minReplicas", "maxReplicas", "gpusPerReplica");
  private static final List<String> FIELDS =
      List.of(
          "pools",
          "service",
          "role",
          "minReplicas",
          "maxReplicas",
          "gpusPerReplica",
          "slo",
          "targetUtilization",
          "scaleDownUtilization",
          "interval",
          "predictor",
          "leadTime",
          "scaleDownWindow",
          "scaleDownMaxFraction",
          "panic",
          "gpuBudget",
          "assumedShape",
          "capacity",
          "signals",
          "errorBudget");
  private static final int DEFAULT_MIN_REPLICAS = 1;

  private final Catalog catalog;

  PlannerReader(Catalog catalog) {
    this.catalog = catalog;
  }

  PlannerSpec read(ConfigNode planner) {
    planner.requirePresent().allowOnly(FIELDS);
    CapacitySpec capacity = new CapacityReader(catalog).read(planner.field("capacity"));
    List<Pool> pools = pools(planner, capacity.tensorParallel());
    SloTargets slo = slo(planner.field("slo").requirePresent());
    // a template holding the core's defaults, so they are written down in one place
    SloPlannerConfig defaults = SloPlannerConfig.aggregated("defaults", 1, 1, slo);
    double targetUtilization =
        planner.field("targetUtilization").numberOr(defaults.targetUtilization());
    double scaleDownUtilization =
        planner.field("scaleDownUtilization").numberOr(defaults.scaleDownUtilization());
    Duration interval = planner.field("interval").durationOr(defaults.tickInterval());
    PredictorConfig predictor = predictor(planner.field("predictor"), defaults.predictor());
    ConfigNode leadTime = planner.field("leadTime");
    leadTime.allowOnly(List.of("prior", "priorWeight"));
    Duration leadTimePrior = leadTime.field("prior").durationOr(defaults.leadTimePrior());
    double leadTimePriorWeight =
        leadTime.field("priorWeight").numberOr(defaults.leadTimePriorWeight());
    Duration scaleDownWindow =
        planner.field("scaleDownWindow").durationOr(defaults.scaleDownWindow());
    double scaleDownMaxFraction =
        planner.field("scaleDownMaxFraction").numberOr(defaults.scaleDownMaxFraction());
    Panic panic = panic(planner.field("panic"), defaults.panic());
    int gpuBudget = planner.field("gpuBudget").integerOr(defaults.gpuBudget());
    LoadShape assumedShape = shape(planner.field("assumedShape"), defaults.assumedShape());
    ConfigNode budget = planner.field("errorBudget");
    budget.allowOnly(List.of("period"));
    Duration period = budget.field("period").durationOr(Duration.ZERO);
    SloPlannerConfig config =
        planner.build(
            () ->
                new SloPlannerConfig(
                    pools,
                    slo,
                    targetUtilization,
                    scaleDownUtilization,
                    interval,
                    predictor,
                    leadTimePrior,
                    leadTimePriorWeight,
                    scaleDownWindow,
                    scaleDownMaxFraction,
                    panic,
                    gpuBudget,
                    assumedShape,
                    SignalQueries.window(planner.field("signals")),
                    new SloPlannerConfig.ErrorBudget(period)));
    List<MetricQuery> queries =
        SignalQueries.read(planner.field("signals"), slo, config.errorBudget(), budget);
    return new PlannerSpec(config, capacity, queries);
  }

  /** {@code pools}, or the one-pool shorthand ({@code service}, {@code minReplicas}, ...). */
  private static List<Pool> pools(ConfigNode planner, int gpusPerReplica) {
    List<String> shorthand = POOL_FIELDS.stream().filter(planner::has).toList();
    if (planner.has("pools")) {
      if (!shorthand.isEmpty()) {
        throw planner
            .field(shorthand.get(0))
            .error(
                "give pools or the one-pool shorthand (service, minReplicas, maxReplicas), not both");
      }
      List<Pool> pools = new ArrayList<>();
      for (ConfigNode pool : planner.field("pools").elements()) {
        pool.allowOnly(POOL_FIELDS);
        pools.add(pool(pool, gpusPerReplica));
      }
      return pools;
    }
    if (shorthand.isEmpty()) {
      throw planner
          .field("pools")
          .error(
              "missing (required): list the pools, or give service, minReplicas and maxReplicas"
                  + " for one aggregated pool");
    }
    return List.of(pool(planner, gpusPerReplica));
  }

  private static Pool pool(ConfigNode pool, int defaultGpusPerReplica) {
    String service = pool.field("service").name();
    PoolRole role =
        pool.has("role") ? pool.field("role").parse(PlannerReader::role) : PoolRole.AGGREGATED;
    int min = pool.field("minReplicas").integerOr(DEFAULT_MIN_REPLICAS);
    int max = pool.field("maxReplicas").integer();
    int gpus = pool.field("gpusPerReplica").integerOr(defaultGpusPerReplica);
    return pool.build(() -> new Pool(service, role, min, max, gpus));
  }

  private static PoolRole role(String text) {
    for (PoolRole role : PoolRole.values()) {
      if (role.configName().equals(text.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "expected aggregated, prefill or decode, found '" + text + "'");
  }

  private static SloTargets slo(ConfigNode slo) {
    slo.allowOnly(List.of("ttft", "itl", "quantile"));
    double ttft = seconds(slo.field("ttft").duration());
    double itl = seconds(slo.field("itl").duration());
    ConfigNode quantileNode = slo.field("quantile");
    double quantile =
        quantileNode.isText() && quantileNode.text().strip().startsWith("p")
            ? quantileNode.parse(PlannerReader::percentile)
            : quantileNode.numberOr(0.99);
    return slo.build(() -> new SloTargets(ttft, itl, quantile));
  }

  /** {@code p99} → 0.99, {@code p99.9} → 0.999. */
  private static double percentile(String text) {
    try {
      return Double.parseDouble(text.strip().substring(1)) / 100;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a quantile such as 0.99 or p99, found '" + text + "'", e);
    }
  }

  private static PredictorConfig predictor(ConfigNode node, PredictorConfig fallback) {
    if (!node.isPresent()) {
      return fallback;
    }
    if (!node.isMapping()) {
      return node.parse(PredictorConfig::defaults);
    }
    ConfigNode kind = node.field("kind");
    return switch (kind.name().toLowerCase(Locale.ROOT)) {
      case "constant" -> {
        node.allowOnly(List.of("kind"));
        yield new PredictorConfig.Constant();
      }
      case "holt" -> {
        node.allowOnly(List.of("kind", "alpha", "beta"));
        PredictorConfig.Holt defaults = PredictorConfig.Holt.DEFAULTS;
        double alpha = node.field("alpha").numberOr(defaults.alpha());
        double beta = node.field("beta").numberOr(defaults.beta());
        yield node.build(() -> new PredictorConfig.Holt(alpha, beta));
      }
      case "kalman" -> {
        node.allowOnly(List.of("kind", "observationNoise", "levelNoise", "trendNoise"));
        PredictorConfig.KalmanTrend defaults = PredictorConfig.KalmanTrend.DEFAULTS;
        double observation = node.field("observationNoise").numberOr(defaults.observationNoise());
        double level = node.field("levelNoise").numberOr(defaults.levelNoise());
        double trend = node.field("trendNoise").numberOr(defaults.trendNoise());
        yield node.build(() -> new PredictorConfig.KalmanTrend(observation, level, trend));
      }
      default ->
          throw kind.error("expected one of " + PredictorConfig.KINDS + ", found " + kind.shown());
    };
  }

  private static Panic panic(ConfigNode node, Panic defaults) {
    node.allowOnly(List.of("latencyRatio", "queuePerReplica", "maxFactor", "window"));
    double latencyRatio = node.field("latencyRatio").numberOr(defaults.latencyRatio());
    double queuePerReplica = node.field("queuePerReplica").numberOr(defaults.queuePerReplica());
    double maxFactor = node.field("maxFactor").numberOr(defaults.maxFactor());
    Duration window = node.field("window").durationOr(defaults.window());
    return node.build(() -> new Panic(latencyRatio, queuePerReplica, maxFactor, window));
  }

  private static LoadShape shape(ConfigNode node, LoadShape defaults) {
    node.allowOnly(List.of("inputTokens", "outputTokens"));
    double input = node.field("inputTokens").numberOr(defaults.inputTokens());
    double output = node.field("outputTokens").numberOr(defaults.outputTokens());
    return node.build(() -> new LoadShape(input, output));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
