package dev.llmscale.core.workload;

import java.util.random.RandomGenerator;

/**
 * A Poisson process at {@code rate} per second: exponentially distributed gaps with mean {@code
 * 1/rate}. The first arrival is at time 0, so a short run does not open with an idle wait. Gaps are
 * summed in double seconds and rounded once per arrival, so rounding does not bias the rate.
 */
public final class PoissonArrivals implements ArrivalProcess {
  private final double ratePerSecond;
  private final RandomGenerator random;
  private double seconds = -1;

  /**
   * @param ratePerSecond mean arrivals per second, {@code > 0}
   * @param random the source of the gaps; seed it for a reproducible run
   */
  public PoissonArrivals(double ratePerSecond, RandomGenerator random) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number: " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.random = random;
  }

  @Override
  public long nextArrivalNanos() {
    seconds = seconds < 0 ? 0 : seconds + random.nextExponential() / ratePerSecond;
    return seconds * 1e9 >= Long.MAX_VALUE ? NONE : Math.round(seconds * 1e9);
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }
}
