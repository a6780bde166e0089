package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A production trace prepared for replay: a window of it, its clock stretched or compressed, and
 * its rate thinned or multiplied.
 *
 * <ul>
 *   <li><b>Window</b>: requests arriving in {@code [start, start + length)} of the trace, shifted
 *       to start at 0.
 *   <li><b>Time scale</b> multiplies every arrival time: 0.5 replays twice as fast (twice the rate,
 *       half the span).
 *   <li><b>Rate scale</b> keeps the time axis and changes the volume: below 1 each request is kept
 *       with that probability; above 1 each is replayed {@code floor(scale)} times plus once more
 *       with the fractional probability, each copy a uniform 0 to {@code copySpread} later than the
 *       original (1 s by default, so copies do not all land in the same instant) and with its
 *       prefix hash ids moved to a range of its own: a copy is another user's conversation with the
 *       same shape, not a cache hit on the original. Within one second the copies of a request
 *       arrive together: a long prompt becomes a burst of identical long prompts, which the traffic
 *       of that many more independent users would not have. A spread of a minute keeps the
 *       minute-by-minute volume (shifted by half a minute on average) and makes the copies
 *       independent at the scale of seconds.
 * </ul>
 */
public final class TraceReplay {
  private static final long COPY_ID_STRIDE = 1L << 40;

  /** The default spread of a request's copies: 1 s. */
  public static final long COPY_SPREAD_NANOS = 1_000_000_000L;

  private TraceReplay() {}

  /**
   * @param lengthNanos window length; {@code Long.MAX_VALUE} for the rest of the trace
   * @param random the source of thinning and copy offsets; seed it for a reproducible replay
   * @throws IllegalArgumentException if a scale is not positive or the window holds no request
   */
  public static Trace prepare(
      Trace trace,
      long startNanos,
      long lengthNanos,
      double timeScale,
      double rateScale,
      RandomGenerator random) {
    return prepare(trace, startNanos, lengthNanos, timeScale, rateScale, COPY_SPREAD_NANOS, random);
  }

  /**
   * @param lengthNanos window length; {@code Long.MAX_VALUE} for the rest of the trace
   * @param copySpreadNanos a copy arrives up to half this before or after its original
   * @param random the source of thinning and copy offsets; seed it for a reproducible replay
   * @throws IllegalArgumentException if a scale is not positive or the window holds no request
   */
  public static Trace prepare(
      Trace trace,
      long startNanos,
      long lengthNanos,
      double timeScale,
      double rateScale,
      long copySpreadNanos,
      RandomGenerator random) {
    if (copySpreadNanos <= 0) {
      throw new IllegalArgumentException("trace.copySpread must be > 0: " + copySpreadNanos);
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("trace.timeScale must be > 0: " + timeScale);
    }
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new IllegalArgumentException("trace.rateScale must be > 0: " + rateScale);
    }
    long end = lengthNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + lengthNanos;
    long last = startNanos;
    for (TraceRecord record : trace.records()) {
      if (record.arrivalNanos() >= startNanos && record.arrivalNanos() < end) {
        last = Math.max(last, record.arrivalNanos());
      }
    }
    long span = Math.round((last - startNanos) * timeScale); // the replay's last original arrival
    List<TraceRecord> records = new ArrayList<>();
    for (TraceRecord record : trace.records()) {
      long at = record.arrivalNanos();
      if (at < startNanos || at >= end) {
        continue;
      }
      long shifted = Math.round((at - startNanos) * timeScale);
      int copies = copies(rateScale, random);
      for (int copy = 0; copy < copies; copy++) {
        if (copy == 0) {
          records.add(withArrival(record, shifted));
        } else {
          long offset = (long) ((random.nextDouble() - 0.5) * copySpreadNanos);
          records.add(copyOf(record, reflect(shifted + offset, span), copy));
        }
      }
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(
          "trace " + trace.name() + " has no request in the chosen window and rate scale");
    }
    return new Trace(trace.name(), trace.format(), records);
  }

  /** {@code at} folded back into {@code [0, span]} at whichever end it fell off. */
  private static long reflect(long at, long span) {
    if (at < 0) {
      at = -at;
    }
    if (at > span) {
      at = Math.max(0, 2 * span - at);
    }
    return at;
  }

  private static int copies(double rateScale, RandomGenerator random) {
    int whole = (int) Math.floor(rateScale);
    double fraction = rateScale - whole;
    return whole + (fraction > 0 && random.nextDouble() < fraction ? 1 : 0);
  }

  private static TraceRecord withArrival(TraceRecord record, long arrivalNanos) {
    return new TraceRecord(
        arrivalNanos, record.inputTokens(), record.outputTokens(), record.hashIds());
  }

  private static TraceRecord copyOf(TraceRecord record, long arrivalNanos, int copy) {
    List<Long> ids = new ArrayList<>(record.hashIds().size());
    for (long id : record.hashIds()) {
      ids.add(id + copy * COPY_ID_STRIDE);
    }
    return new TraceRecord(arrivalNanos, record.inputTokens(), record.outputTokens(), ids);
  }
}
