package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.SloPlanner;
import dev.llmscale.core.policy.SloPlannerConfig;
import java.util.List;
import java.util.Objects;

/**
 * {@code policy: slo-planner}.
 *
 * @param config the planner's settings
 * @param capacity how forecast load becomes replicas
 * @param queries one per planner signal read, named as the signal ({@code request_rate}, ...)
 */
public record PlannerSpec(SloPlannerConfig config, CapacitySpec capacity, List<MetricQuery> queries)
    implements PolicySpec {

  public PlannerSpec {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(capacity, "capacity");
    queries = List.copyOf(queries);
  }

  @Override
  public String kind() {
    return "slo-planner";
  }

  @Override
  public List<String> services() {
    return config.pools().stream().map(SloPlannerConfig.Pool::service).toList();
  }

  @Override
  public ScalingPolicy createPolicy() {
    return new SloPlanner(config, capacity.capacityModel(config.slo()));
  }
}
