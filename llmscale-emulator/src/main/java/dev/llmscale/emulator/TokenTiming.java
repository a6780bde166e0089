package dev.llmscale.emulator;

/**
 * How faithfully streamed tokens leave the server, measured when each token's write has been
 * flushed to the socket:
 *
 * <ul>
 *   <li><b>emit lag</b>: flush time minus the time the performance model scheduled the token (its
 *       step's end);
 *   <li><b>gap error</b>: how far the time between a stream's consecutive token flushes strays from
 *       the time the model put between them, i.e. the change in emit lag from one token to the
 *       next. This is what a client sees as inter-token jitter; a constant lag does not show in it.
 * </ul>
 *
 * Thread-safe; event loops record.
 */
final class TokenTiming {
  private final LatencyRecorder emitLag = new LatencyRecorder();
  private final LatencyRecorder gapError = new LatencyRecorder();

  /**
   * Records one flushed token.
   *
   * @param previousLagNanos the stream's previous token lag, or a negative value for its first
   * @return this token's lag, to pass in with the stream's next token
   */
  long flushed(long scheduledNanos, long flushedNanos, long previousLagNanos) {
    long lag = Math.max(0, flushedNanos - scheduledNanos);
    emitLag.record(lag);
    if (previousLagNanos >= 0) {
      gapError.record(Math.abs(lag - previousLagNanos));
    }
    return lag;
  }

  LatencySummary emitLag() {
    return emitLag.summary();
  }

  LatencySummary gapError() {
    return gapError.summary();
  }
}
