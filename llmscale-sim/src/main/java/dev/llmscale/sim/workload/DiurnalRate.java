package dev.llmscale.sim.workload;

import java.util.Locale;

/**
 * A daily (or any periodic) cycle: {@code mean · (1 + amplitude · cos(2π (t − peakAt) / period))},
 * highest at {@code peakAt} and lowest half a period later.
 *
 * @param mean mean requests per second over a period, {@code >= 0}
 * @param amplitude relative swing in {@code [0, 1]}: 0.5 swings between half and 1.5 times the mean
 * @param periodNanos length of one cycle
 * @param peakAtNanos time of the first peak from the start of the run
 */
public record DiurnalRate(double mean, double amplitude, long periodNanos, long peakAtNanos)
    implements RateProfile {

  public DiurnalRate {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("diurnal.mean must be >= 0: " + mean);
    }
    if (!(amplitude >= 0 && amplitude <= 1)) {
      throw new IllegalArgumentException("diurnal.amplitude must be in [0, 1]: " + amplitude);
    }
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("diurnal.period must be > 0");
    }
  }

  @Override
  public double ratePerSecond(long nanos) {
    double phase = 2 * Math.PI * (nanos - peakAtNanos) / (double) periodNanos;
    return Math.max(0, mean * (1 + amplitude * Math.cos(phase)));
  }

  @Override
  public double maxRatePerSecond() {
    return mean * (1 + amplitude);
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "diurnal %.4g req/s ± %.0f %%, period %.0f s, peak at %.0f s",
        mean,
        amplitude * 100,
        periodNanos / 1e9,
        peakAtNanos / 1e9);
  }
}
