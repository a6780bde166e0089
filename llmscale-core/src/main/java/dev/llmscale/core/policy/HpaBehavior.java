package dev.llmscale.core.policy;

/**
 * An HPA {@code behavior} ({@code advanced.horizontalPodAutoscalerConfig.behavior} of a KEDA
 * ScaledObject). A direction the user left out takes its Kubernetes default.
 */
public record HpaBehavior(HpaScalingRules scaleUp, HpaScalingRules scaleDown) {

  public HpaBehavior {
    if (scaleUp == null || scaleDown == null) {
      throw new IllegalArgumentException(
          "behavior needs both directions; use HpaScalingRules.scaleUpDefaults() or"
              + " scaleDownDefaults() for the one the user left out");
    }
  }

  /** A behavior whose both directions are the Kubernetes defaults. */
  public static HpaBehavior defaults() {
    return new HpaBehavior(HpaScalingRules.scaleUpDefaults(), HpaScalingRules.scaleDownDefaults());
  }

  public HpaBehavior withScaleUp(HpaScalingRules rules) {
    return new HpaBehavior(rules, scaleDown);
  }

  public HpaBehavior withScaleDown(HpaScalingRules rules) {
    return new HpaBehavior(scaleUp, rules);
  }
}
