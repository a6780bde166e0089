package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.ArrivalProcess;
import java.util.random.RandomGenerator;

/**
 * A Poisson process whose rate follows a {@link RateProfile}, by thinning (Lewis and Shedler):
 * candidates arrive at the profile's maximum rate and each is kept with probability {@code rate(t)
 * / max}. Exact for any profile, and as fast as a plain Poisson process when the rate is flat.
 * Arrivals end at {@code endNanos}.
 */
public final class PoissonRateArrivals implements ArrivalProcess {
  private final RateProfile profile;
  private final RandomGenerator random;
  private final long endNanos;
  private final double max;
  private double seconds;

  public PoissonRateArrivals(RateProfile profile, RandomGenerator random, long endNanos) {
    this.profile = profile;
    this.random = random;
    this.endNanos = endNanos;
    this.max = profile.maxRatePerSecond();
  }

  @Override
  public long nextArrivalNanos() {
    if (!(max > 0)) {
      return NONE;
    }
    while (true) {
      seconds += random.nextExponential() / max;
      long nanos = Math.round(seconds * 1e9);
      if (nanos >= endNanos) {
        seconds = Double.POSITIVE_INFINITY;
        return NONE;
      }
      if (random.nextDouble() * max < profile.ratePerSecond(nanos)) {
        return nanos;
      }
    }
  }
}
