package dev.llmscale.sim.scenario;

import dev.llmscale.core.policy.Fallback;
import dev.llmscale.core.policy.HpaBehavior;
import dev.llmscale.core.policy.HpaControllerSettings;
import dev.llmscale.core.policy.HpaScalingPolicy;
import dev.llmscale.core.policy.HpaScalingRules;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.Trigger;
import dev.llmscale.sim.control.MetricQuery;
import dev.llmscale.sim.control.PipelineFactory;
import dev.llmscale.sim.control.ThresholdSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads {@code policies.threshold}: the {@code spec} of a KEDA ScaledObject with Prometheus
 * triggers, field names as KEDA spells them, plus {@code hpa} for the controller's flags.
 */
final class ThresholdSection {
  private ThresholdSection() {}

  static ThresholdSetup read(ScenarioNode node, String service, PipelineFactory pipelines) {
    node.allowOnly(
        "scaleTargetRef",
        "pollingInterval",
        "cooldownPeriod",
        "initialCooldownPeriod",
        "minReplicaCount",
        "maxReplicaCount",
        "idleReplicaCount",
        "fallback",
        "advanced",
        "triggers",
        "hpa");
    node.field("scaleTargetRef").allowOnly("name", "apiVersion", "kind");
    List<Trigger> triggers = new ArrayList<>();
    List<MetricQuery> queries = new ArrayList<>();
    List<ScenarioNode> elements = node.field("triggers").requirePresent().elements();
    if (elements.isEmpty()) {
      throw node.field("triggers").error("at least one trigger is required");
    }
    for (int i = 0; i < elements.size(); i++) {
      ScenarioNode trigger = elements.get(i).allowOnly("type", "name", "metricType", "metadata");
      trigger.field("type").choice("prometheus", "prometheus");
      ScenarioNode metadata =
          trigger
              .field("metadata")
              .requirePresent()
              .allowOnly(
                  "serverAddress",
                  "metricName",
                  "query",
                  "threshold",
                  "activationThreshold",
                  "ignoreNullValues");
      String name =
          trigger.field("name").textOr(metadata.field("metricName").textOr("trigger-" + i));
      try {
        triggers.add(
            new Trigger(
                name,
                Trigger.MetricType.parse(trigger.field("metricType").textOr("AverageValue")),
                metadata.field("threshold").number(),
                metadata.field("activationThreshold").numberOr(0)));
        queries.add(
            MetricQuery.keda(
                name,
                metadata.field("query").text(),
                metadata.field("ignoreNullValues").boolOr(true)));
      } catch (IllegalArgumentException e) {
        throw trigger.error(e);
      }
    }
    ScenarioNode hpa =
        node.field("hpa").allowOnly("syncPeriod", "tolerance", "downscaleStabilization");
    HpaControllerSettings d = HpaControllerSettings.DEFAULTS;
    try {
      ThresholdConfig config =
          new ThresholdConfig(
              service,
              triggers,
              node.field("pollingInterval").integerOr(ThresholdConfig.DEFAULT_POLLING_INTERVAL),
              node.field("cooldownPeriod").integerOr(ThresholdConfig.DEFAULT_COOLDOWN_PERIOD),
              node.field("initialCooldownPeriod").integerOr(0),
              node.field("minReplicaCount").integerOr(0),
              node.field("maxReplicaCount").integerOr(ThresholdConfig.DEFAULT_MAX_REPLICA_COUNT),
              node.has("idleReplicaCount")
                  ? OptionalInt.of(node.field("idleReplicaCount").integer())
                  : OptionalInt.empty(),
              fallback(node.field("fallback")),
              behavior(node.field("advanced")),
              new HpaControllerSettings(
                  seconds(hpa.field("syncPeriod"), d.syncPeriodSeconds()),
                  hpa.field("tolerance").numberOr(d.tolerance()),
                  seconds(hpa.field("downscaleStabilization"), d.downscaleStabilizationSeconds())));
      return new ThresholdSetup(config, queries, pipelines);
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
  }

  private static int seconds(ScenarioNode node, int fallback) {
    return node.isPresent() ? Math.toIntExact(node.nanos() / 1_000_000_000L) : fallback;
  }

  private static Optional<Fallback> fallback(ScenarioNode node) {
    if (!node.isPresent()) {
      return Optional.empty();
    }
    node.allowOnly("failureThreshold", "replicas", "behavior");
    try {
      return Optional.of(
          new Fallback(
              node.field("failureThreshold").integer(),
              node.field("replicas").integer(),
              Fallback.Behavior.parse(node.field("behavior").textOr("static"))));
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
  }

  private static Optional<HpaBehavior> behavior(ScenarioNode advanced) {
    advanced.allowOnly("horizontalPodAutoscalerConfig");
    ScenarioNode config = advanced.field("horizontalPodAutoscalerConfig").allowOnly("behavior");
    ScenarioNode behavior = config.field("behavior").allowOnly("scaleUp", "scaleDown");
    if (!behavior.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new HpaBehavior(
            rules(behavior.field("scaleUp"), HpaScalingRules.scaleUpDefaults()),
            rules(behavior.field("scaleDown"), HpaScalingRules.scaleDownDefaults())));
  }

  /** A direction of the behavior: Kubernetes' defaults with the fields given replaced. */
  private static HpaScalingRules rules(ScenarioNode node, HpaScalingRules defaults) {
    if (!node.isPresent()) {
      return defaults;
    }
    node.allowOnly("stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance");
    try {
      List<HpaScalingPolicy> policies = new ArrayList<>();
      for (ScenarioNode policy : node.field("policies").elements()) {
        policy.allowOnly("type", "value", "periodSeconds");
        policies.add(
            new HpaScalingPolicy(
                HpaScalingPolicy.Type.parse(policy.field("type").text()),
                policy.field("value").integer(),
                policy.field("periodSeconds").integer()));
      }
      return new HpaScalingRules(
          node.has("stabilizationWindowSeconds")
              ? OptionalInt.of(node.field("stabilizationWindowSeconds").integer())
              : defaults.stabilizationWindowSeconds(),
          node.has("selectPolicy")
              ? HpaScalingRules.SelectPolicy.parse(node.field("selectPolicy").text())
              : defaults.selectPolicy(),
          policies.isEmpty() ? defaults.policies() : policies,
          node.has("tolerance")
              ? OptionalDouble.of(node.field("tolerance").number())
              : defaults.tolerance());
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
  }
}
