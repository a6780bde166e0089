package dev.llmscale.core.route;

/**
 * What a caller learns about one replica's timing from the requests it sends there: the mean time a
 * request occupies the replica (arrival to last token) and the time to first token of requests that
 * did not queue, both as exponentially weighted moving averages. Feeds {@link QueueState}. Not
 * thread-safe.
 */
public final class ReplicaTimings {
  public static final double DEFAULT_WEIGHT = 0.1;

  private final double weight;
  private double meanServiceSeconds = Double.NaN;
  private double unqueuedTtftSeconds = Double.NaN;

  /**
   * @param weight weight of the newest observation, in (0, 1]
   */
  public ReplicaTimings(double weight) {
    if (!(weight > 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight must be in (0, 1]: " + weight);
    }
    this.weight = weight;
  }

  public ReplicaTimings() {
    this(DEFAULT_WEIGHT);
  }

  /**
   * @param queued whether the replica reported a queue when the request was sent; only unqueued
   *     requests tell the prefill time
   */
  public void firstToken(double ttftSeconds, boolean queued) {
    if (!queued && ttftSeconds >= 0) {
      unqueuedTtftSeconds = average(unqueuedTtftSeconds, ttftSeconds);
    }
  }

  public void finished(double durationSeconds) {
    if (durationSeconds >= 0) {
      meanServiceSeconds = average(meanServiceSeconds, durationSeconds);
    }
  }

  public double meanServiceSeconds() {
    return meanServiceSeconds;
  }

  public double unqueuedTtftSeconds() {
    return unqueuedTtftSeconds;
  }

  private double average(double mean, double value) {
    return Double.isNaN(mean) ? value : mean + weight * (value - mean);
  }
}
