package dev.llmscale.sim.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.CatalogException;
import dev.llmscale.core.metrics.promql.PromqlParseException;
import dev.llmscale.core.metrics.promql.PromqlQuery;
import dev.llmscale.core.policy.SimulatedCapacity;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.policy.SteadyStateCapacity;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.control.MetricQuery;
import dev.llmscale.sim.control.PipelineFactory;
import dev.llmscale.sim.control.PlannerSetup;
import dev.llmscale.sim.control.PolicySetup;
import dev.llmscale.sim.control.ThresholdSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.gateway.GatewayConfig;
import dev.llmscale.sim.metrics.FrontendExposition;
import dev.llmscale.sim.metrics.MetricBuckets;
import dev.llmscale.sim.metrics.PrometheusPipeline;
import dev.llmscale.sim.oracle.CapacityOracle;
import dev.llmscale.sim.oracle.FleetOracle;
import dev.llmscale.sim.oracle.ReplayOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a scenario file (YAML). Every parameter has a default except the model, the GPU, the
 * workload and (for generated load) the duration; unknown fields are errors naming the field, so a
 * typo never silently runs the default. {@code docs/simulator.md} lists every field.
 */
public final class ScenarioReader {
  private static final long SECOND = 1_000_000_000L;
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ScenarioReader() {}

  /** Reads {@code file}; relative paths inside it resolve against its directory. */
  public static Scenario read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": no such file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  /**
   * @param source names the input in error messages
   * @param baseDir where relative paths (traces, profiles, catalogs) resolve
   */
  public static Scenario parse(String text, String source, Path baseDir) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    ScenarioNode root = ScenarioNode.root(source, tree).requirePresent();
    root.allowOnly(
        "name",
        "description",
        "seed",
        "duration",
        "slo",
        "model",
        "gpu",
        "catalog",
        "engine",
        "workload",
        "client",
        "gateway",
        "fleet",
        "metrics",
        "policies",
        "report");
    Catalog catalog = catalog(root.field("catalog"), baseDir);
    EngineSection.Result engine = EngineSection.read(root, catalog, baseDir);
    FleetConfig fleet = FleetSection.read(root, engine.model(), engine.gpu(), engine.replica());

    ScenarioNode durationNode = root.field("duration");
    long durationHint = durationNode.nanosOr(3600 * SECOND);
    WorkloadSection.Result workload = WorkloadSection.read(root, baseDir, durationHint);
    long duration;
    if (durationNode.isPresent()) {
      duration = durationNode.nanos();
    } else if (workload.defaultDurationNanos() > 0) {
      duration = workload.defaultDurationNanos() + SECOND;
    } else {
      throw durationNode.error("is required for a generated workload (e.g. 30m)");
    }
    if (duration <= 0) {
      throw durationNode.error("must be > 0");
    }

    SloTargets slo = slo(root.field("slo"));
    ScenarioNode gatewayNode =
        root.field("gateway")
            .allowOnly("router", "ttftBudget", "engineSampleInterval", "metricPrefix");
    String prefix = gatewayNode.field("metricPrefix").textOr("llmscale_frontend_");
    GatewayConfig gateway;
    try {
      gateway =
          new GatewayConfig(
              gatewayNode.field("router").textOr("least-load"),
              gatewayNode.field("ttftBudget").nanosOr(0) / 1e9,
              gatewayNode.field("engineSampleInterval").nanosOr(500_000_000L),
              prefix,
              MetricBuckets.GATEWAY);
      dev.llmscale.core.route.Routers.create(gateway.router());
    } catch (IllegalArgumentException e) {
      throw gatewayNode.error(e);
    }
    ScenarioNode client = root.field("client").allowOnly("timeout");
    ScenarioNode report =
        root.field("report").allowOnly("sampleInterval", "oracle", "oracleWindow");
    long seed = root.field("seed").isPresent() ? (long) root.field("seed").number() : 1;
    SimulationSetup setup;
    try {
      setup =
          new SimulationSetup(
              root.field("name").textOr(fileName(source)),
              seed,
              duration,
              report.field("sampleInterval").nanosOr(10 * SECOND),
              client.field("timeout").nanosOr(300 * SECOND),
              slo,
              fleet,
              gateway,
              workload.source(),
              root.field("policies").field("startAt").nanosOr(0));
    } catch (IllegalArgumentException e) {
      throw root.error(e);
    }

    ScenarioNode metrics =
        root.field("metrics").allowOnly("scrapeInterval", "lookback", "retention");
    long scrapeInterval = metrics.field("scrapeInterval").nanosOr(15 * SECOND);
    if (scrapeInterval <= 0) {
      throw metrics.field("scrapeInterval").error("must be > 0");
    }
    PipelineFactory pipelines = pipelines(metrics, scrapeInterval, engine.model().name());
    List<PolicySetup> policies = new ArrayList<>();
    ScenarioNode policiesNode = root.field("policies");
    if (policiesNode.isPresent()) {
      policiesNode.allowOnly("threshold", "slo-planner", "startAt");
      for (Iterator<String> it = policyNames(policiesNode); it.hasNext(); ) {
        String label = it.next();
        ScenarioNode policy = policiesNode.field(label);
        if (label.equals("threshold")) {
          ThresholdSetup threshold = ThresholdSection.read(policy, fleet.service(), pipelines);
          checkQueries(policy.field("triggers"), threshold.triggers());
          policies.add(threshold);
        } else {
          PlannerSetup planner =
              PlannerSection.read(
                  policy, fleet, slo, prefix, scrapeInterval, seed, pipelines, setup);
          checkQueries(policy.field("signals"), planner.signals());
          policies.add(planner);
        }
      }
    }
    return new Scenario(
        setup.scenario(),
        root.field("description").textOr(""),
        setup,
        policies,
        oracle(report, fleet, slo, seed));
  }

  private static Iterator<String> policyNames(ScenarioNode policies) {
    List<String> names = new ArrayList<>();
    for (String name : List.of("threshold", "slo-planner")) {
      if (policies.has(name)) {
        names.add(name);
      }
    }
    return names.iterator();
  }

  /**
   * The oracle: {@code replay} (default: each window replayed on the engine, exact and slower),
   * {@code steady-state} (the analytic capacity model, microseconds per mix, optimistic for
   * long-tailed mixes) or {@code simulated} (the engine on a Poisson stream of the window's mean
   * request).
   */
  private static FleetOracle oracle(
      ScenarioNode report, FleetConfig fleet, SloTargets slo, long seed) {
    String kind = report.field("oracle").choice("replay", "replay", "steady-state", "simulated");
    ScenarioNode windowNode = report.field("oracleWindow");
    long window = windowNode.nanosOr(60 * SECOND);
    if (window <= 0) {
      throw windowNode.error("must be > 0");
    }
    return switch (kind) {
      case "replay" -> {
        int slots = fleet.nodePool().maxNodes() * fleet.nodePool().gpusPerNode();
        yield new ReplayOracle(window, Math.max(1, slots / fleet.replica().gpus()));
      }
      case "simulated" ->
          new CapacityOracle(
              new SimulatedCapacity(
                  fleet.replica().performance(), fleet.replica().engine(), slo, 400, seed),
              window);
      default ->
          new CapacityOracle(
              new SteadyStateCapacity(fleet.replica().performance(), fleet.replica().engine(), slo),
              window);
    };
  }

  private static SloTargets slo(ScenarioNode slo) {
    slo.allowOnly("ttft", "itl", "quantile");
    try {
      return new SloTargets(
          slo.field("ttft").nanosOr(SECOND) / 1e9,
          slo.field("itl").nanosOr(100_000_000L) / 1e9,
          slo.field("quantile").numberOr(0.99));
    } catch (IllegalArgumentException e) {
      throw slo.error(e);
    }
  }

  private static PipelineFactory pipelines(ScenarioNode metrics, long scrape, String model) {
    long lookback = metrics.field("lookback").nanosOr(300 * SECOND);
    // Prometheus's own default (15 d): a query over a long range, such as an error budget's period,
    // reads the whole run
    long retention = metrics.field("retention").nanosOr(15 * 24 * 3600 * SECOND);
    if (lookback < SECOND / 1000 || retention < SECOND / 1000) {
      throw metrics.error("lookback and retention must be at least 1ms");
    }
    return (frontend, queries, headline) ->
        new PrometheusPipeline(
            new FrontendExposition(frontend, model),
            queries,
            headline,
            scrape,
            retention,
            lookback);
  }

  /** Parses every query now, so a PromQL typo fails at load naming its field. */
  private static void checkQueries(ScenarioNode where, List<MetricQuery> queries) {
    for (MetricQuery query : queries) {
      try {
        PromqlQuery.parse(query.expression());
      } catch (PromqlParseException e) {
        throw where.error("query '" + query.name() + "': " + e.getMessage());
      }
    }
  }

  private static Catalog catalog(ScenarioNode files, Path baseDir) {
    Catalog catalog = Catalog.builtIn();
    for (ScenarioNode file : files.elements()) {
      try {
        catalog = catalog.withFile(baseDir.resolve(file.text()));
      } catch (CatalogException e) {
        throw file.error(e.getMessage());
      }
    }
    return catalog;
  }

  private static String fileName(String source) {
    String name = Path.of(source).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
