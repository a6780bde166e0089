package dev.llmscale.core.workload;

/**
 * Arrivals evenly spaced at {@code rate} per second, the first at time 0. The {@code i}-th arrival
 * is computed from {@code i}, not by adding gaps, so the rate does not drift over long runs.
 */
public final class ConstantRateArrivals implements ArrivalProcess {
  private final double ratePerSecond;
  private long index;

  /**
   * @param ratePerSecond arrivals per second, {@code > 0}
   */
  public ConstantRateArrivals(double ratePerSecond) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number: " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public long nextArrivalNanos() {
    double seconds = index++ / ratePerSecond;
    return seconds * 1e9 >= Long.MAX_VALUE ? NONE : Math.round(seconds * 1e9);
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }
}
