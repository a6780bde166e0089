package dev.llmscale.core.predict;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Learns how long new capacity takes to arrive: the time from a scale-up decision to the replica
 * being ready (node provisioning, image pull, weight loading, engine start), online, starting from
 * a configured prior.
 *
 * <p>Each replica requested opens a ticket stamped with the decision time; replicas withdrawn by a
 * later scale-down close the newest tickets unsampled; each replica that becomes ready closes the
 * oldest ticket and yields one sample. The estimate is the mean of the last {@code window} samples
 * shrunk towards the prior, which counts as {@code priorWeight} samples:
 *
 * <pre>  estimate = (priorWeight·prior + Σ samples) / (priorWeight + n)</pre>
 *
 * <p>Readiness is seen when the driver reports it, so a sample overstates the true lead time by up
 * to one tick: a conservative error for a look-ahead.
 */
public final class LeadTimeEstimator {
  private final long priorNanos;
  private final double priorWeight;
  private final int window;
  private final ArrayDeque<Long> tickets = new ArrayDeque<>();
  private final ArrayDeque<Long> samples = new ArrayDeque<>();
  private long sampleSum;
  private long lastSampleNanos = -1;

  /**
   * @param priorNanos the lead time assumed before any sample (> 0)
   * @param priorWeight how many samples the prior is worth (>= 0)
   * @param window how many recent samples count (>= 1)
   */
  public LeadTimeEstimator(long priorNanos, double priorWeight, int window) {
    if (priorNanos <= 0) {
      throw new IllegalArgumentException("leadTime.prior must be > 0: " + priorNanos + " ns");
    }
    if (!(priorWeight >= 0) || !Double.isFinite(priorWeight)) {
      throw new IllegalArgumentException("leadTime.priorWeight must be >= 0: " + priorWeight);
    }
    if (window < 1) {
      throw new IllegalArgumentException("leadTime.window must be >= 1: " + window);
    }
    this.priorNanos = priorNanos;
    this.priorWeight = priorWeight;
    this.window = window;
  }

  /** {@code replicas} more replicas were requested at {@code nowNanos}. */
  public void requested(long nowNanos, int replicas) {
    for (int i = 0; i < replicas; i++) {
      tickets.addLast(nowNanos);
    }
  }

  /** The {@code replicas} most recently requested replicas were withdrawn before being ready. */
  public void withdrawn(int replicas) {
    for (int i = 0; i < replicas && !tickets.isEmpty(); i++) {
      tickets.removeLast();
    }
  }

  /**
   * {@code replicas} replicas became ready by {@code nowNanos}; each closes the oldest ticket.
   * Ready replicas nobody asked for (restarts) yield no sample.
   */
  public void ready(long nowNanos, int replicas) {
    for (int i = 0; i < replicas && !tickets.isEmpty(); i++) {
      long sample = Math.max(0, nowNanos - tickets.removeFirst());
      samples.addLast(sample);
      sampleSum += sample;
      lastSampleNanos = sample;
      if (samples.size() > window) {
        sampleSum -= samples.removeFirst();
      }
    }
  }

  /** The current estimate of the lead time. */
  public long estimateNanos() {
    return Math.round((priorWeight * priorNanos + sampleSum) / (priorWeight + samples.size()));
  }

  /** Samples in the window. */
  public int sampleCount() {
    return samples.size();
  }

  /** Replicas requested and neither ready nor withdrawn yet. */
  public int pending() {
    return tickets.size();
  }

  /** The oldest pending request's time, or {@link Long#MAX_VALUE} if none is pending. */
  public long oldestPendingNanos() {
    return tickets.isEmpty() ? Long.MAX_VALUE : tickets.peekFirst();
  }

  public String describe() {
    return samples.isEmpty()
        ? String.format(Locale.ROOT, "lead time %.0f s (prior)", priorNanos / 1e9)
        : String.format(
            Locale.ROOT,
            "lead time %.0f s (%d samples, last %.0f s)",
            estimateNanos() / 1e9,
            samples.size(),
            lastSampleNanos / 1e9);
  }
}
