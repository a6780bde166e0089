package dev.llmscale.sim.fleet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** Uniform between {@code minNanos} and {@code maxNanos}. */
public record UniformDelay(long minNanos, long maxNanos) implements Delay {

  public UniformDelay {
    if (minNanos < 0 || maxNanos < minNanos) {
      throw new IllegalArgumentException(
          "uniform delay needs 0 <= min <= max: "
              + minNanos / 1e9
              + " s, "
              + maxNanos / 1e9
              + " s");
    }
  }

  @Override
  public long sampleNanos(RandomGenerator random) {
    return minNanos + (long) (random.nextDouble() * (maxNanos - minNanos));
  }

  @Override
  public long meanNanos() {
    return (minNanos + maxNanos) / 2;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "uniform %.4g-%.4g s", minNanos / 1e9, maxNanos / 1e9);
  }
}
