package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.ThresholdPolicy;
import dev.llmscale.core.policy.Trigger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code policy: threshold}: a KEDA ScaledObject and the HPA it drives.
 *
 * @param config the ScaledObject as the policy reads it
 * @param queries one per trigger, named as the trigger, with its {@code ignoreNullValues}
 */
public record ThresholdSpec(ThresholdConfig config, List<MetricQuery> queries)
    implements PolicySpec {

  public ThresholdSpec {
    queries = List.copyOf(queries);
    Set<String> triggers =
        config.triggers().stream().map(Trigger::name).collect(Collectors.toSet());
    Set<String> queried = queries.stream().map(MetricQuery::name).collect(Collectors.toSet());
    if (!triggers.equals(queried)) {
      throw new IllegalArgumentException(
          "one query per trigger: triggers " + triggers + ", queries " + queried);
    }
  }

  @Override
  public String kind() {
    return "threshold";
  }

  @Override
  public List<String> services() {
    return List.of(config.service());
  }

  @Override
  public ScalingPolicy createPolicy() {
    return new ThresholdPolicy(config);
  }
}
