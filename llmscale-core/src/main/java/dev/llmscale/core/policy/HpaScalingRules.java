package dev.llmscale.core.policy;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One direction ({@code scaleUp} or {@code scaleDown}) of an HPA {@code behavior}, after
 * Kubernetes' defaulting: start from {@link #scaleUpDefaults()} or {@link #scaleDownDefaults()} and
 * replace the fields the user wrote, as the API server does.
 *
 * @param stabilizationWindowSeconds the window over which recommendations are stabilized (0..3600);
 *     empty means the controller's {@code --horizontal-pod-autoscaler-downscale-stabilization}
 *     (default 300 s), which is the scale-down default
 * @param selectPolicy how several policies combine
 * @param policies the rate limits; at least one
 * @param tolerance this direction's tolerance (Kubernetes 1.33+ {@code behavior.*.tolerance});
 *     empty means the controller's {@code --horizontal-pod-autoscaler-tolerance} (default 0.1)
 */
public record HpaScalingRules(
    OptionalInt stabilizationWindowSeconds,
    SelectPolicy selectPolicy,
    List<HpaScalingPolicy> policies,
    OptionalDouble tolerance) {

  /** Kubernetes' {@code selectPolicy}. */
  public enum SelectPolicy {
    /** The policy allowing the largest change (default). */
    MAX("Max"),
    /** The policy allowing the smallest change. */
    MIN("Min"),
    /** No change in this direction. */
    DISABLED("Disabled");

    private final String kubernetes;

    SelectPolicy(String kubernetes) {
      this.kubernetes = kubernetes;
    }

    public String kubernetesName() {
      return kubernetes;
    }

    /** Parses {@code Max}, {@code Min} or {@code Disabled}. */
    public static SelectPolicy parse(String text) {
      for (SelectPolicy policy : values()) {
        if (policy.kubernetes.equals(text)) {
          return policy;
        }
      }
      throw new IllegalArgumentException(
          "selectPolicy must be Max, Min or Disabled, not '" + text + "'");
    }
  }

  /** The longest stabilization window Kubernetes accepts (one hour). */
  public static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;

  public HpaScalingRules {
    if (stabilizationWindowSeconds == null || tolerance == null) {
      throw new IllegalArgumentException("use OptionalInt/OptionalDouble.empty() for unset fields");
    }
    if (stabilizationWindowSeconds.isPresent()
        && (stabilizationWindowSeconds.getAsInt() < 0
            || stabilizationWindowSeconds.getAsInt() > MAX_STABILIZATION_WINDOW_SECONDS)) {
      throw new IllegalArgumentException(
          "stabilizationWindowSeconds must be in 0.."
              + MAX_STABILIZATION_WINDOW_SECONDS
              + ": "
              + stabilizationWindowSeconds.getAsInt());
    }
    if (selectPolicy == null) {
      throw new IllegalArgumentException("selectPolicy is required (Max, Min or Disabled)");
    }
    if (policies == null || policies.isEmpty()) {
      throw new IllegalArgumentException("policies: at least one policy is required");
    }
    policies = List.copyOf(policies);
    if (tolerance.isPresent()
        && !(tolerance.getAsDouble() >= 0 && Double.isFinite(tolerance.getAsDouble()))) {
      throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance.getAsDouble());
    }
  }

  /** Kubernetes' scale-up default: no window, max(4 pods, 100 %) per 15 s. */
  public static HpaScalingRules scaleUpDefaults() {
    return new HpaScalingRules(
        OptionalInt.of(0),
        SelectPolicy.MAX,
        List.of(HpaScalingPolicy.pods(4, 15), HpaScalingPolicy.percent(100, 15)),
        OptionalDouble.empty());
  }

  /** Kubernetes' scale-down default: the controller's window (300 s), 100 % per 15 s. */
  public static HpaScalingRules scaleDownDefaults() {
    return new HpaScalingRules(
        OptionalInt.empty(),
        SelectPolicy.MAX,
        List.of(HpaScalingPolicy.percent(100, 15)),
        OptionalDouble.empty());
  }

  public HpaScalingRules withStabilizationWindowSeconds(int seconds) {
    return new HpaScalingRules(OptionalInt.of(seconds), selectPolicy, policies, tolerance);
  }

  public HpaScalingRules withSelectPolicy(SelectPolicy value) {
    return new HpaScalingRules(stabilizationWindowSeconds, value, policies, tolerance);
  }

  public HpaScalingRules withPolicies(HpaScalingPolicy... value) {
    return new HpaScalingRules(stabilizationWindowSeconds, selectPolicy, List.of(value), tolerance);
  }

  public HpaScalingRules withTolerance(double value) {
    return new HpaScalingRules(
        stabilizationWindowSeconds, selectPolicy, policies, OptionalDouble.of(value));
  }

  /** The longest policy period: scale events older than this are never counted again. */
  int longestPeriodSeconds() {
    int longest = 0;
    for (HpaScalingPolicy policy : policies) {
      longest = Math.max(longest, policy.periodSeconds());
    }
    return longest;
  }
}
