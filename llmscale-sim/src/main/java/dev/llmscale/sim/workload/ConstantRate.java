package dev.llmscale.sim.workload;

import java.util.Locale;

/** The same mean rate for the whole run. */
public record ConstantRate(double perSecond) implements RateProfile {

  public ConstantRate {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be >= 0 requests per second: " + perSecond);
    }
  }

  @Override
  public double ratePerSecond(long nanos) {
    return perSecond;
  }

  @Override
  public double maxRatePerSecond() {
    return perSecond;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%.4g req/s", perSecond);
  }
}
