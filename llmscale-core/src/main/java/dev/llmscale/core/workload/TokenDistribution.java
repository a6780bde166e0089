package dev.llmscale.core.workload;

import java.util.random.RandomGenerator;

/**
 * A token count drawn from a normal distribution, rounded and clamped to {@code [min, max]} (as
 * aiperf's {@code --synthetic-input-tokens-mean/-stddev}). With {@code stddev} 0 every draw is the
 * mean. Clamping shifts the mean slightly when the distribution reaches past a bound.
 *
 * @param mean mean tokens, {@code >= min}
 * @param stddev standard deviation, {@code >= 0}
 * @param min smallest count drawn, {@code >= 1}
 * @param max largest count drawn, {@code >= mean}
 */
public record TokenDistribution(double mean, double stddev, int min, int max) {

  public TokenDistribution {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("need 1 <= min <= max: " + min + ", " + max);
    }
    if (!(mean >= min && mean <= max)) {
      throw new IllegalArgumentException("mean must be within [" + min + ", " + max + "]: " + mean);
    }
    if (!(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException("stddev must be >= 0: " + stddev);
    }
  }

  /** Exactly {@code tokens} every time. */
  public static TokenDistribution fixed(int tokens) {
    return new TokenDistribution(tokens, 0, tokens, tokens);
  }

  /** Normal around {@code mean}, clamped to {@code [1, Integer.MAX_VALUE / 2]}. */
  public static TokenDistribution normal(double mean, double stddev) {
    return new TokenDistribution(mean, stddev, 1, Integer.MAX_VALUE / 2);
  }

  public int sample(RandomGenerator random) {
    double value = stddev == 0 ? mean : random.nextGaussian(mean, stddev);
    return (int) Math.max(min, Math.min(max, Math.round(value)));
  }
}
