package dev.llmscale.sim.fleet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Log-normal with median {@code medianNanos} and shape {@code sigma}: the long right tail that
 * cloud provisioning times show (most nodes in about three minutes, a few in eight).
 */
public record LogNormalDelay(long medianNanos, double sigma) implements Delay {

  public LogNormalDelay {
    if (medianNanos <= 0 || !(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "log-normal delay needs median > 0 and sigma >= 0: "
              + medianNanos / 1e9
              + " s, "
              + sigma);
    }
  }

  @Override
  public long sampleNanos(RandomGenerator random) {
    return Math.round(medianNanos * Math.exp(sigma * random.nextGaussian()));
  }

  @Override
  public long meanNanos() {
    return Math.round(medianNanos * Math.exp(sigma * sigma / 2));
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT, "log-normal median %.4g s, sigma %.3g", medianNanos / 1e9, sigma);
  }
}
