package dev.llmscale.core.route;

/**
 * Forecasts the time to first token of a request sent to a replica now, from its queue.
 *
 * <p>A replica that reported no waiting requests starts a new one at once: the forecast is its
 * unqueued TTFT (prefill). A replica that reported {@code waiting} requests has a full batch, and
 * its running slots free at {@code running / meanServiceSeconds} per second. Since the sample, that
 * many per second have left the queue and the caller's own {@code dispatchedSinceSample} have
 * joined it; the new request starts once those still ahead of it and itself have found a slot:
 *
 * <pre>
 *   rate  = max(running, 1) / meanServiceSeconds
 *   ahead = max(0, waiting + dispatchedSinceSample − secondsSinceSample × rate)
 *   TTFT  = (ahead + 1) / rate + unqueuedTtft
 * </pre>
 *
 * Without a measured service time there is nothing to forecast with: the result is NaN, and {@link
 * AdmissionControl} admits.
 */
public final class TtftForecast {
  private TtftForecast() {}

  /** Forecast in seconds, or NaN while the replica's service time is unknown. */
  public static double seconds(QueueState queue) {
    double prefill = Double.isNaN(queue.unqueuedTtftSeconds()) ? 0 : queue.unqueuedTtftSeconds();
    if (queue.waiting() == 0) {
      return prefill;
    }
    double service = queue.meanServiceSeconds();
    if (!(service > 0)) {
      return Double.NaN;
    }
    double rate = Math.max(queue.running(), 1) / service;
    double ahead =
        Math.max(
            0, queue.waiting() + queue.dispatchedSinceSample() - queue.secondsSinceSample() * rate);
    return (ahead + 1) / rate + prefill;
  }
}
