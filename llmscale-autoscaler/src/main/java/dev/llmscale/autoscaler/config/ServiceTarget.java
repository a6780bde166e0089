package dev.llmscale.autoscaler.config;

import java.util.Objects;

/**
 * One entry of {@code targets}: the service a policy scales, by the name the policy uses ({@code
 * scaleTargetRef.name}, a planner pool's {@code service}), and where its replicas are.
 */
public record ServiceTarget(String service, TargetSpec target) {

  public ServiceTarget {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("service is required");
    }
    Objects.requireNonNull(target, "target");
  }
}
