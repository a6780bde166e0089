package dev.llmscale.core.policy;

/**
 * Flags of the Kubernetes controller manager that shape every HPA.
 *
 * @param syncPeriodSeconds {@code --horizontal-pod-autoscaler-sync-period} (default 15 s): how
 *     often the HPA reads its metrics and rescales
 * @param tolerance {@code --horizontal-pod-autoscaler-tolerance} (default 0.1): usage ratios within
 *     {@code 1 ± tolerance} change nothing
 * @param downscaleStabilizationSeconds {@code --horizontal-pod-autoscaler-downscale-stabilization}
 *     (default 300 s): the scale-down window when the behavior leaves it unset
 */
public record HpaControllerSettings(
    int syncPeriodSeconds, double tolerance, int downscaleStabilizationSeconds) {

  public static final HpaControllerSettings DEFAULTS = new HpaControllerSettings(15, 0.1, 300);

  public HpaControllerSettings {
    if (syncPeriodSeconds <= 0) {
      throw new IllegalArgumentException("hpa.syncPeriodSeconds must be > 0: " + syncPeriodSeconds);
    }
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("hpa.tolerance must be >= 0: " + tolerance);
    }
    if (downscaleStabilizationSeconds < 0) {
      throw new IllegalArgumentException(
          "hpa.downscaleStabilizationSeconds must be >= 0: " + downscaleStabilizationSeconds);
    }
  }
}
