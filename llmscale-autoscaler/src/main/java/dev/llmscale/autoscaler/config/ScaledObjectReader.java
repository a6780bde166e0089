package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.Fallback;
import dev.llmscale.core.policy.HpaBehavior;
import dev.llmscale.core.policy.HpaControllerSettings;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a KEDA ScaledObject, its {@code spec} alone or the whole manifest, into the threshold
 * policy's settings. Fields that do not apply here are listed as warnings; fields that would change
 * what KEDA does and are not reproduced are errors.
 */
final class ScaledObjectReader {
  static final String API_VERSION = "keda.sh/v1alpha1";
  static final String KIND = "ScaledObject";

  private static final List<String> MANIFEST_FIELDS =
      List.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final List<String> SPEC_FIELDS =
      List.of(
          "scaleTargetRef",
          "pollingInterval",
          "initialCooldownPeriod",
          "cooldownPeriod",
          "idleReplicaCount",
          "minReplicaCount",
          "maxReplicaCount",
          "fallback",
          "advanced",
          "triggers");
  private static final List<String> TARGET_REF_FIELDS =
      List.of("name", "apiVersion", "kind", "envSourceContainerName");
  private static final List<String> FALLBACK_FIELDS =
      List.of("failureThreshold", "replicas", "behavior");
  private static final List<String> ADVANCED_FIELDS =
      List.of("horizontalPodAutoscalerConfig", "restoreToOriginalReplicaCount", "scalingModifiers");
  private static final List<String> HPA_CONFIG_FIELDS = List.of("behavior", "name");
  private static final List<String> PAUSE_ANNOTATIONS =
      List.of(
          "autoscaling.keda.sh/paused",
          "autoscaling.keda.sh/paused-replicas",
          "autoscaling.keda.sh/paused-scale-down");

  /**
   * The workload a ScaledObject names. Its apiVersion, kind and the manifest's namespace default
   * the service's {@code kubernetes} target; each node may be absent.
   */
  record ScaleTargetRef(
      String name, ConfigNode apiVersion, ConfigNode kind, ConfigNode namespace) {}

  /** What a ScaledObject says: the policy, what it scales, and where its triggers read. */
  record Result(
      ThresholdSpec spec,
      ScaleTargetRef scaleTargetRef,
      List<PrometheusTriggerReader.Server> servers) {}

  private final HpaControllerSettings hpa;
  private final Warnings warnings;

  ScaledObjectReader(HpaControllerSettings hpa, Warnings warnings) {
    this.hpa = hpa;
    this.warnings = warnings;
  }

  static boolean isManifest(ConfigNode node) {
    return node.has("apiVersion") || node.has("kind") || node.has("spec");
  }

  Result read(ConfigNode scaledObject) {
    scaledObject.requirePresent();
    if (isManifest(scaledObject)) {
      return readManifest(scaledObject);
    }
    return readSpec(scaledObject, scaledObject.absent("metadata").absent("namespace"));
  }

  private Result readManifest(ConfigNode manifest) {
    manifest.allowOnly(MANIFEST_FIELDS);
    ConfigNode apiVersion = manifest.field("apiVersion");
    if (!apiVersion.name().equals(API_VERSION)) {
      throw apiVersion.error("expected " + API_VERSION + ", found " + apiVersion.shown());
    }
    ConfigNode kind = manifest.field("kind");
    if (!kind.name().equals(KIND)) {
      throw kind.error(
          "expected " + KIND + ", found " + kind.shown() + "; only ScaledObjects scale services");
    }
    ConfigNode metadata = manifest.field("metadata");
    readMetadata(metadata);
    if (manifest.has("status")) {
      warnings.ignored(manifest.field("status"), "written by KEDA");
    }
    return readSpec(manifest.field("spec").requirePresent(), metadata.field("namespace"));
  }

  private void readMetadata(ConfigNode metadata) {
    List<String> ignored = new ArrayList<>();
    for (String field : metadata.fieldNames()) {
      switch (field) {
        case "name", "namespace" -> {}
        case "annotations" -> {
          for (String annotation : metadata.field(field).fieldNames()) {
            if (PAUSE_ANNOTATIONS.contains(annotation)) {
              throw metadata
                  .field(field)
                  .field(annotation)
                  .error(
                      "pausing is not supported; remove the annotation (dryRun: true decides"
                          + " and logs without scaling)");
            }
          }
          ignored.add(field);
        }
        default -> ignored.add(field);
      }
    }
    if (!ignored.isEmpty()) {
      warnings.ignored(metadata, String.join(", ", ignored) + " (object metadata)");
    }
  }

  private Result readSpec(ConfigNode spec, ConfigNode namespace) {
    spec.allowOnly(SPEC_FIELDS);
    ScaleTargetRef target =
        scaleTargetRef(spec.field("scaleTargetRef").requirePresent(), namespace);
    List<ConfigNode> triggerNodes = spec.field("triggers").requirePresent().elements();
    if (triggerNodes.isEmpty()) {
      throw spec.field("triggers").error("at least one trigger is required");
    }
    PrometheusTriggerReader triggerReader = new PrometheusTriggerReader(warnings);
    List<Trigger> triggers = new ArrayList<>();
    List<MetricQuery> queries = new ArrayList<>();
    List<PrometheusTriggerReader.Server> servers = new ArrayList<>();
    for (int i = 0; i < triggerNodes.size(); i++) {
      PrometheusTriggerReader.Read read = triggerReader.read(triggerNodes.get(i), i);
      triggers.add(read.trigger());
      queries.add(read.query());
      read.server().ifPresent(servers::add);
    }
    int pollingInterval =
        spec.field("pollingInterval").secondsOr(ThresholdConfig.DEFAULT_POLLING_INTERVAL);
    int cooldownPeriod =
        spec.field("cooldownPeriod").secondsOr(ThresholdConfig.DEFAULT_COOLDOWN_PERIOD);
    int initialCooldownPeriod = spec.field("initialCooldownPeriod").secondsOr(0);
    int minReplicaCount = spec.field("minReplicaCount").integerOr(0);
    int maxReplicaCount =
        spec.field("maxReplicaCount").integerOr(ThresholdConfig.DEFAULT_MAX_REPLICA_COUNT);
    OptionalInt idleReplicaCount = spec.field("idleReplicaCount").optionalInteger();
    Optional<Fallback> fallback = fallback(spec.field("fallback"));
    Optional<HpaBehavior> behavior = advanced(spec.field("advanced"));
    ThresholdConfig config =
        spec.build(
            () ->
                new ThresholdConfig(
                    target.name(),
                    triggers,
                    pollingInterval,
                    cooldownPeriod,
                    initialCooldownPeriod,
                    minReplicaCount,
                    maxReplicaCount,
                    idleReplicaCount,
                    fallback,
                    behavior,
                    hpa));
    return new Result(new ThresholdSpec(config, queries), target, servers);
  }

  private ScaleTargetRef scaleTargetRef(ConfigNode ref, ConfigNode namespace) {
    ref.allowOnly(TARGET_REF_FIELDS);
    if (ref.has("envSourceContainerName")) {
      warnings.ignored(
          ref.field("envSourceContainerName"), "no trigger reads the container environment here");
    }
    return new ScaleTargetRef(
        ref.field("name").name(), ref.field("apiVersion"), ref.field("kind"), namespace);
  }

  private static Optional<Fallback> fallback(ConfigNode node) {
    if (!node.isPresent()) {
      return Optional.empty();
    }
    node.allowOnly(FALLBACK_FIELDS);
    int failureThreshold = node.field("failureThreshold").integer();
    int replicas = node.field("replicas").integer();
    Fallback.Behavior behavior =
        node.has("behavior")
            ? node.field("behavior").parse(Fallback.Behavior::parse)
            : Fallback.Behavior.STATIC;
    return Optional.of(node.build(() -> new Fallback(failureThreshold, replicas, behavior)));
  }

  private Optional<HpaBehavior> advanced(ConfigNode advanced) {
    advanced.allowOnly(ADVANCED_FIELDS);
    if (advanced.has("scalingModifiers")) {
      throw advanced
          .field("scalingModifiers")
          .error(
              "not supported: each trigger scales on its own metric and the highest count wins;"
                  + " write the formula into one trigger's query instead");
    }
    if (advanced.has("restoreToOriginalReplicaCount")) {
      warnings.ignored(
          advanced.field("restoreToOriginalReplicaCount"),
          "applies when a ScaledObject is deleted; the autoscaler leaves the count as it is when"
              + " it stops");
    }
    ConfigNode hpaConfig = advanced.field("horizontalPodAutoscalerConfig");
    hpaConfig.allowOnly(HPA_CONFIG_FIELDS);
    if (hpaConfig.has("name")) {
      warnings.ignored(hpaConfig.field("name"), "names the HPA KEDA creates; none is created here");
    }
    return HpaBehaviorReader.read(hpaConfig.field("behavior"));
  }
}
