package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.policy.HpaControllerSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates an {@code llmscale autoscale} configuration file (docs/configuration.md).
 * Every problem is a {@link ConfigException} whose one-line message names the file and the field;
 * what the file says that does not apply here ends up in {@link AutoscalerConfig#warnings()}.
 */
public final class AutoscalerConfigLoader {
  static final String THRESHOLD = "threshold";
  static final String SLO_PLANNER = "slo-planner";

  private static final List<String> FIELDS =
      List.of(
          "policy",
          "dryRun",
          "listen",
          "source",
          "targets",
          "scaledObject",
          "scaledObjectFile",
          "hpaController",
          "planner");
  private static final List<String> POLICIES = List.of(THRESHOLD, SLO_PLANNER);
  private static final List<String> HPA_CONTROLLER_FIELDS =
      List.of("syncPeriod", "tolerance", "downscaleStabilization");

  private final Catalog catalog;

  private AutoscalerConfigLoader(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Reads {@code file}, resolving models and GPUs in the built-in catalog. */
  public static AutoscalerConfig load(Path file) throws ConfigException {
    return load(file, Catalog.builtIn());
  }

  /** Reads {@code file}, resolving models and GPUs in {@code catalog}. */
  public static AutoscalerConfig load(Path file, Catalog catalog) throws ConfigException {
    return new AutoscalerConfigLoader(catalog).read(new ConfigFile(file));
  }

  private AutoscalerConfig read(ConfigFile file) {
    ConfigNode root = YamlDocuments.readOne(file);
    root.allowOnly(FIELDS);
    Warnings warnings = new Warnings();
    String policy = policy(root.field("policy"));
    boolean dryRun = root.field("dryRun").boolOr(false);
    Optional<InetSocketAddress> listen = listen(root.field("listen"));

    PolicySpec spec;
    Optional<ScaledObjectReader.ScaleTargetRef> scaleTargetRef = Optional.empty();
    List<PrometheusTriggerReader.Server> servers = List.of();
    if (policy.equals(THRESHOLD)) {
      ScaledObjectReader.Result scaledObject =
          new ScaledObjectReader(hpaController(root.field("hpaController")), warnings)
              .read(scaledObject(root));
      spec = scaledObject.spec();
      scaleTargetRef = Optional.of(scaledObject.scaleTargetRef());
      servers = scaledObject.servers();
      ignoreUnless(root, "planner", SLO_PLANNER, warnings);
    } else {
      spec = new PlannerReader(catalog).read(root.field("planner"));
      for (String field : List.of("scaledObject", "scaledObjectFile", "hpaController")) {
        ignoreUnless(root, field, THRESHOLD, warnings);
      }
    }
    SourceSpec source = new SourceReader(warnings).read(root.field("source"), servers);
    List<ServiceTarget> targets =
        new TargetReader(catalog, warnings).read(root.field("targets"), scaleTargetRef);
    checkOneTargetPerService(root.field("targets"), targets, spec.services());
    if (spec instanceof PlannerSpec planner) {
      checkPlannerAgainstSetup(root, planner, source, targets, warnings);
    }
    return new AutoscalerConfig(
        file.path(), spec, dryRun, listen, source, targets, warnings.lines());
  }

  private static String policy(ConfigNode node) {
    String policy = node.name();
    if (!POLICIES.contains(policy)) {
      throw node.error(
          "expected threshold or slo-planner, found "
              + node.shown()
              + NameSuggestion.closest(policy, POLICIES)
                  .map(suggestion -> "; did you mean '" + suggestion + "'?")
                  .orElse(""));
    }
    return policy;
  }

  /** {@code host:port}, {@code :port} for every interface, or {@code off}. */
  private static Optional<InetSocketAddress> listen(ConfigNode node) {
    if (!node.isPresent()) {
      return Optional.of(AutoscalerConfig.DEFAULT_LISTEN);
    }
    // YAML 1.1 reads a bare off as false
    if (node.text().equals("off") || node.text().equals("false")) {
      return Optional.empty();
    }
    return Optional.of(node.parse(AutoscalerConfigLoader::socketAddress));
  }

  private static InetSocketAddress socketAddress(String text) {
    int colon = text.lastIndexOf(':');
    String problem = "expected host:port (127.0.0.1:9464, :9464 for all interfaces) or off";
    if (colon < 0) {
      throw new IllegalArgumentException(problem + ", found '" + text + "'");
    }
    String host = text.substring(0, colon).strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(problem + ", found '" + text + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, found " + port);
    }
    return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
  }

  /** {@code scaledObject}, or the ScaledObject in {@code scaledObjectFile}. */
  private static ConfigNode scaledObject(ConfigNode root) {
    ConfigNode inline = root.field("scaledObject");
    ConfigNode reference = root.field("scaledObjectFile");
    if (inline.isPresent() && reference.isPresent()) {
      throw reference.error("give scaledObject or scaledObjectFile, not both");
    }
    if (inline.isPresent()) {
      return inline;
    }
    if (!reference.isPresent()) {
      throw inline.error(
          "missing: policy threshold reads a KEDA ScaledObject, given here or in a file named by"
              + " scaledObjectFile");
    }
    ConfigFile manifestFile = new ConfigFile(reference.filePath());
    List<ConfigNode> scaledObjects = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (ConfigNode document : YamlDocuments.readAll(manifestFile)) {
      String kind = document.isMapping() ? document.field("kind").textOr("?") : "?";
      kinds.add(kind);
      if (kind.equals(ScaledObjectReader.KIND)) {
        scaledObjects.add(document);
      }
    }
    if (scaledObjects.size() != 1) {
      throw new ConfigException(
          manifestFile.name()
              + ": expected one document of kind ScaledObject, found "
              + (kinds.isEmpty() ? "no documents" : "kinds " + kinds));
    }
    return scaledObjects.get(0);
  }

  /** The controller flags of the cluster the ScaledObject is reproduced for. */
  private static HpaControllerSettings hpaController(ConfigNode node) {
    node.allowOnly(HPA_CONTROLLER_FIELDS);
    HpaControllerSettings defaults = HpaControllerSettings.DEFAULTS;
    int syncPeriod = wholeSeconds(node.field("syncPeriod"), defaults.syncPeriodSeconds());
    double tolerance = node.field("tolerance").numberOr(defaults.tolerance());
    int downscale =
        wholeSeconds(
            node.field("downscaleStabilization"), defaults.downscaleStabilizationSeconds());
    return node.build(() -> new HpaControllerSettings(syncPeriod, tolerance, downscale));
  }

  private static int wholeSeconds(ConfigNode node, int fallback) {
    if (!node.isPresent()) {
      return fallback;
    }
    Duration duration = node.duration();
    if (duration.toNanos() % 1_000_000_000L != 0 || duration.toSeconds() > Integer.MAX_VALUE) {
      throw node.error("must be whole seconds, found " + node.shown());
    }
    return (int) duration.toSeconds();
  }

  private static void ignoreUnless(
      ConfigNode root, String field, String policy, Warnings warnings) {
    if (root.has(field)) {
      warnings.ignored(root.field(field), "only read by policy " + policy);
    }
  }

  private static void checkOneTargetPerService(
      ConfigNode node, List<ServiceTarget> targets, List<String> services) {
    Map<String, Integer> entryOf = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      String service = targets.get(i).service();
      ConfigNode entry = node.elements().get(i).field("service");
      Integer earlier = entryOf.putIfAbsent(service, i);
      if (earlier != null) {
        throw entry.error("'" + service + "' already has an entry, targets[" + earlier + "]");
      }
      if (!services.contains(service)) {
        throw entry.error(
            "'"
                + service
                + "' is not scaled by the policy, which scales: "
                + String.join(", ", services));
      }
    }
    for (String service : services) {
      if (!entryOf.containsKey(service)) {
        throw node.error(
            "no entry for service '" + service + "'; every service the policy scales needs one");
      }
    }
  }

  /** What the planner assumes against what the file sets up. */
  private static void checkPlannerAgainstSetup(
      ConfigNode root,
      PlannerSpec planner,
      SourceSpec source,
      List<ServiceTarget> targets,
      Warnings warnings) {
    ConfigNode signals = root.field("planner").field("signals");
    Duration window = SignalQueries.window(signals);
    if (source instanceof ScrapeSourceSpec scrape && scrape.retention().compareTo(window) < 0) {
      throw root.field("source")
          .field("scrape")
          .field("retention")
          .error(
              DurationText.format(scrape.retention())
                  + " is shorter than planner.signals.window ("
                  + DurationText.format(window)
                  + "), which the queries read over");
    }
    Duration period = planner.config().errorBudget().period();
    if (source instanceof ScrapeSourceSpec scrape
        && planner.config().errorBudget().enabled()
        && scrape.retention().compareTo(period) < 0) {
      throw root.field("source")
          .field("scrape")
          .field("retention")
          .error(
              DurationText.format(scrape.retention())
                  + " is shorter than planner.errorBudget.period ("
                  + DurationText.format(period)
                  + "), whose first tokens the budget counts");
    }
    CapacitySpec capacity = planner.capacity();
    for (ServiceTarget target : targets) {
      if (target.target() instanceof LocalTargetSpec local
          && !(local.emulator().model().id().equals(capacity.model().id())
              && local.emulator().gpu().id().equals(capacity.gpu().id()))) {
        warnings.warn(
            root.field("planner").field("capacity"),
            "sizes "
                + capacity.model().id()
                + " on "
                + capacity.gpu().id()
                + " while service '"
                + target.service()
                + "' runs "
                + local.emulator().model().id()
                + " on "
                + local.emulator().gpu().id()
                + "; its replica counts will not fit the replicas");
      }
    }
  }
}
