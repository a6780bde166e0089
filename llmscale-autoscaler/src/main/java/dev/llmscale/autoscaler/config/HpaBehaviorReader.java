package dev.llmscale.autoscaler.config;

import dev.llmscale.core.policy.HpaBehavior;
import dev.llmscale.core.policy.HpaScalingPolicy;
import dev.llmscale.core.policy.HpaScalingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads an HPA {@code behavior} as the API server defaults it: a direction left out takes its
 * Kubernetes default, and within a direction each field left out takes that direction's default. No
 * {@code behavior} at all is a different thing: the HPA's legacy path, so it stays empty.
 */
final class HpaBehaviorReader {
  private static final List<String> BEHAVIOR_FIELDS = List.of("scaleUp", "scaleDown");
  private static final List<String> RULES_FIELDS =
      List.of("stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance");
  private static final List<String> POLICY_FIELDS = List.of("type", "value", "periodSeconds");

  private HpaBehaviorReader() {}

  static Optional<HpaBehavior> read(ConfigNode behavior) {
    if (!behavior.isPresent()) {
      return Optional.empty();
    }
    behavior.allowOnly(BEHAVIOR_FIELDS);
    HpaScalingRules scaleUp = rules(behavior.field("scaleUp"), HpaScalingRules.scaleUpDefaults());
    HpaScalingRules scaleDown =
        rules(behavior.field("scaleDown"), HpaScalingRules.scaleDownDefaults());
    return Optional.of(behavior.build(() -> new HpaBehavior(scaleUp, scaleDown)));
  }

  private static HpaScalingRules rules(ConfigNode node, HpaScalingRules defaults) {
    if (!node.isPresent()) {
      return defaults;
    }
    node.allowOnly(RULES_FIELDS);
    ConfigNode window = node.field("stabilizationWindowSeconds");
    OptionalInt stabilization =
        window.isPresent()
            ? OptionalInt.of(window.seconds())
            : defaults.stabilizationWindowSeconds();
    HpaScalingRules.SelectPolicy select =
        node.has("selectPolicy")
            ? node.field("selectPolicy").parse(HpaScalingRules.SelectPolicy::parse)
            : defaults.selectPolicy();
    List<HpaScalingPolicy> policies =
        node.has("policies") ? policies(node.field("policies")) : defaults.policies();
    ConfigNode tolerance = node.field("tolerance");
    OptionalDouble directionTolerance =
        tolerance.isPresent() ? OptionalDouble.of(quantity(tolerance)) : defaults.tolerance();
    return node.build(
        () -> new HpaScalingRules(stabilization, select, policies, directionTolerance));
  }

  private static List<HpaScalingPolicy> policies(ConfigNode list) {
    List<HpaScalingPolicy> policies = new ArrayList<>();
    for (ConfigNode policy : list.elements()) {
      policy.allowOnly(POLICY_FIELDS);
      HpaScalingPolicy.Type type = policy.field("type").parse(HpaScalingPolicy.Type::parse);
      int value = policy.field("value").integer();
      int period = policy.field("periodSeconds").seconds();
      policies.add(policy.build(() -> new HpaScalingPolicy(type, value, period)));
    }
    return policies;
  }

  /**
   * A Kubernetes quantity as the tolerance uses it: {@code 0.05}, {@code "0.05"} or {@code 50m}.
   */
  private static double quantity(ConfigNode node) {
    if (node.isText() && node.text().strip().endsWith("m")) {
      return node.parse(text -> parseMilli(text.strip()));
    }
    return node.number();
  }

  private static double parseMilli(String text) {
    try {
      return Double.parseDouble(text.substring(0, text.length() - 1)) / 1000;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a quantity such as 0.05 or 50m, found '" + text + "'", e);
    }
  }
}
