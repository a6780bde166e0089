package dev.llmscale.sim.fleet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Log-normal with median {@code medianNanos} and shape {@code sigma}, cut at {@code minNanos}: the
 * long right tail that cloud provisioning times show (most nodes in about three minutes, a few in
 * eight), and the floor they never go below (a VM boots, joins and loads its GPU driver in no less
 * than about a minute and a half). Without a floor the least draw is 0.
 */
public record LogNormalDelay(long medianNanos, double sigma, long minNanos) implements Delay {

  public LogNormalDelay {
    if (medianNanos <= 0 || !(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "log-normal delay needs median > 0 and sigma >= 0: "
              + medianNanos / 1e9
              + " s, "
              + sigma);
    }
    if (minNanos < 0 || minNanos > medianNanos) {
      throw new IllegalArgumentException(
          "log-normal delay needs 0 <= min <= median: min "
              + minNanos / 1e9
              + " s, median "
              + medianNanos / 1e9
              + " s");
    }
  }

  /** No floor. */
  public LogNormalDelay(long medianNanos, double sigma) {
    this(medianNanos, sigma, 0);
  }

  @Override
  public long sampleNanos(RandomGenerator random) {
    return Math.max(minNanos, Math.round(medianNanos * Math.exp(sigma * random.nextGaussian())));
  }

  /** The mean of the log-normal without its floor (the floor is meant to cut a vanishing tail). */
  @Override
  public long meanNanos() {
    return Math.round(medianNanos * Math.exp(sigma * sigma / 2));
  }

  @Override
  public String describe() {
    return minNanos > 0
        ? String.format(
            Locale.ROOT,
            "log-normal median %.4g s, sigma %.3g, min %.4g s",
            medianNanos / 1e9,
            sigma,
            minNanos / 1e9)
        : String.format(
            Locale.ROOT, "log-normal median %.4g s, sigma %.3g", medianNanos / 1e9, sigma);
  }
}
