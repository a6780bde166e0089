package dev.llmscale.sim.fleet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Normal around {@code meanNanos}, cut at {@code minNanos} (a delay cannot be negative, and a phase
 * has a floor: an image cannot be pulled faster than the network allows).
 */
public record NormalDelay(long meanNanos, long stddevNanos, long minNanos) implements Delay {

  public NormalDelay {
    if (stddevNanos < 0 || minNanos < 0 || meanNanos < minNanos) {
      throw new IllegalArgumentException(
          "normal delay needs stddev >= 0 and 0 <= min <= mean: mean "
              + meanNanos / 1e9
              + " s, stddev "
              + stddevNanos / 1e9
              + " s, min "
              + minNanos / 1e9
              + " s");
    }
  }

  @Override
  public long sampleNanos(RandomGenerator random) {
    return Math.max(minNanos, Math.round(random.nextGaussian(meanNanos, stddevNanos)));
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "normal %.4g s ± %.4g s (min %.4g s)",
        meanNanos / 1e9,
        stddevNanos / 1e9,
        minNanos / 1e9);
  }
}
