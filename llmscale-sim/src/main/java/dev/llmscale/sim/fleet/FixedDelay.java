package dev.llmscale.sim.fleet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** Always the same time. */
public record FixedDelay(long nanos) implements Delay {

  public FixedDelay {
    if (nanos < 0) {
      throw new IllegalArgumentException("delay must be >= 0: " + nanos + " ns");
    }
  }

  @Override
  public long sampleNanos(RandomGenerator random) {
    return nanos;
  }

  @Override
  public long meanNanos() {
    return nanos;
  }

  @Override
  public long minNanos() {
    return nanos;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%.4g s", nanos / 1e9);
  }
}
