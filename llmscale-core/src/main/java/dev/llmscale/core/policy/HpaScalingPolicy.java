package dev.llmscale.core.policy;

/**
 * One rate limit of an HPA {@code behavior} direction: at most {@code value} pods, or {@code value}
 * percent of the replicas at the start of the period, per {@code periodSeconds}.
 */
public record HpaScalingPolicy(Type type, int value, int periodSeconds) {

  /** Kubernetes' {@code HPAScalingPolicyType}. */
  public enum Type {
    PODS("Pods"),
    PERCENT("Percent");

    private final String kubernetes;

    Type(String kubernetes) {
      this.kubernetes = kubernetes;
    }

    public String kubernetesName() {
      return kubernetes;
    }

    /** Parses {@code Pods} or {@code Percent}. */
    public static Type parse(String text) {
      for (Type type : values()) {
        if (type.kubernetes.equals(text)) {
          return type;
        }
      }
      throw new IllegalArgumentException("policy type must be Pods or Percent, not '" + text + "'");
    }
  }

  /** The longest period Kubernetes accepts (30 minutes). */
  public static final int MAX_PERIOD_SECONDS = 1800;

  public HpaScalingPolicy {
    if (type == null) {
      throw new IllegalArgumentException("type is required (Pods or Percent)");
    }
    if (value <= 0) {
      throw new IllegalArgumentException("value must be > 0: " + value);
    }
    if (periodSeconds <= 0 || periodSeconds > MAX_PERIOD_SECONDS) {
      throw new IllegalArgumentException(
          "periodSeconds must be in 1.." + MAX_PERIOD_SECONDS + ": " + periodSeconds);
    }
  }

  public static HpaScalingPolicy pods(int value, int periodSeconds) {
    return new HpaScalingPolicy(Type.PODS, value, periodSeconds);
  }

  public static HpaScalingPolicy percent(int value, int periodSeconds) {
    return new HpaScalingPolicy(Type.PERCENT, value, periodSeconds);
  }

  @Override
  public String toString() {
    return type == Type.PODS
        ? value + " pods / " + periodSeconds + " s"
        : value + " % / " + periodSeconds + " s";
  }
}
