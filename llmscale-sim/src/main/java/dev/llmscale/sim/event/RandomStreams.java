package dev.llmscale.sim.event;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one run seed, one per named purpose. A stream depends
 * only on the seed and its name, never on how many draws other streams made, so two policies
 * compared on one seed see the same arrivals and request shapes however differently their fleets
 * behave.
 */
public final class RandomStreams {
  private final long seed;

  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** A fresh generator for {@code purpose}: the same seed and name give the same sequence. */
  public SplittableRandom stream(String purpose) {
    long h = seed;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return new SplittableRandom(mix(h));
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
