package dev.llmscale.sim.oracle;

import java.util.Locale;

/**
 * An oracle's bound on GPU-hours, with a plan that shows it: the replicas per window of a fleet
 * that meets the SLO knowing the future.
 *
 * @param gpuHours the lower bound
 * @param planGpuHours what the plan costs: at least the bound, and the bound itself when the oracle
 *     computes it from the plan; NaN when the search found no plan (then {@code replicas} is empty)
 * @param windowSeconds the window length
 * @param replicas the plan's replicas per window, in time order
 * @param method how the windows were sized
 */
public record OracleResult(
    double gpuHours, double planGpuHours, double windowSeconds, int[] replicas, String method) {

  public OracleResult {
    replicas = replicas.clone();
  }

  @Override
  public int[] replicas() {
    return replicas.clone();
  }

  /**
   * A bound with no plan to show for it: the search found none that keeps the SLO, which does not
   * show that none does, and the bound holds for every plan that does.
   */
  public static OracleResult withoutPlan(double gpuHours, double windowSeconds, String method) {
    return new OracleResult(gpuHours, Double.NaN, windowSeconds, new int[0], method);
  }

  /** No fleet within the bounds meets the SLO on these requests: there is nothing to compare. */
  public static OracleResult unreachable(double windowSeconds, String why) {
    return new OracleResult(Double.NaN, Double.NaN, windowSeconds, new int[0], why);
  }

  public boolean reachable() {
    return !Double.isNaN(gpuHours);
  }

  /** True when the bound comes with a plan that meets the SLO, which {@code oracle-plan} runs. */
  public boolean hasPlan() {
    return replicas.length > 0;
  }

  public int peakReplicas() {
    int peak = 0;
    for (int count : replicas) {
      peak = Math.max(peak, count);
    }
    return peak;
  }

  /** {@code runGpuHours} as a multiple of the bound. */
  public double ratio(double runGpuHours) {
    return gpuHours > 0 ? runGpuHours / gpuHours : Double.NaN;
  }

  public String describe() {
    if (!reachable()) {
      return "no oracle: " + method;
    }
    if (!hasPlan()) {
      return String.format(
          Locale.ROOT,
          "oracle %.2f GPU-hours (%.0f s windows; %s)",
          gpuHours,
          windowSeconds,
          method);
    }
    return String.format(
        Locale.ROOT,
        "oracle %.2f GPU-hours (%.0f s windows, a plan of up to %d replicas costing %.2f; %s)",
        gpuHours,
        windowSeconds,
        peakReplicas(),
        planGpuHours,
        method);
  }
}
