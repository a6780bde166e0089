package dev.llmscale.core.workload;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a client observed of one successful request, on one monotonic clock in nanoseconds, and the
 * latency metrics derived from it as aiperf defines them:
 *
 * <ul>
 *   <li><b>TTFT</b> = first response − start, streaming only (a response is a streamed chunk that
 *       carries output text; role-only and usage-only chunks are not responses);
 *   <li><b>request latency</b> = end − start, where end is the arrival of the response's last byte;
 *   <li><b>ITL</b> = (request latency − TTFT) / (output tokens − 1), streaming with at least two
 *       output tokens;
 *   <li><b>inter-chunk latency</b> = the gaps between consecutive responses;
 *   <li><b>output token throughput per user</b> = 1 / ITL.
 * </ul>
 *
 * @param streaming whether the response was streamed
 * @param startNanos when the client began to send the request
 * @param responseNanos arrival of each response that carried output, in order
 * @param endNanos arrival of the last byte of the response
 * @param outputTokens output tokens (the server's usage count when it reports one)
 */
public record RequestTimeline(
    boolean streaming, long startNanos, long[] responseNanos, long endNanos, int outputTokens) {

  public RequestTimeline {
    responseNanos = responseNanos.clone();
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("end before start: " + startNanos + " > " + endNanos);
    }
    long previous = startNanos;
    for (long t : responseNanos) {
      if (t < previous || t > endNanos) {
        throw new IllegalArgumentException(
            "responses must be in order between start and end: " + Arrays.toString(responseNanos));
      }
      previous = t;
    }
    if (outputTokens < 0) {
      throw new IllegalArgumentException("output tokens must be >= 0: " + outputTokens);
    }
  }

  @Override
  public long[] responseNanos() {
    return responseNanos.clone();
  }

  public int responses() {
    return responseNanos.length;
  }

  /** Time to first token; empty when not streaming or no response carried output. */
  public OptionalLong ttftNanos() {
    return streaming && responseNanos.length > 0
        ? OptionalLong.of(responseNanos[0] - startNanos)
        : OptionalLong.empty();
  }

  public long requestLatencyNanos() {
    return endNanos - startNanos;
  }

  /** (latency − TTFT) / (output tokens − 1); empty unless streaming with two or more tokens. */
  public OptionalDouble itlNanos() {
    OptionalLong ttft = ttftNanos();
    if (ttft.isEmpty() || outputTokens < 2) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((requestLatencyNanos() - ttft.getAsLong()) / (outputTokens - 1.0));
  }

  /** Gaps between consecutive responses; empty with fewer than two. */
  public long[] interChunkNanos() {
    if (responseNanos.length < 2) {
      return new long[0];
    }
    long[] gaps = new long[responseNanos.length - 1];
    for (int i = 1; i < responseNanos.length; i++) {
      gaps[i - 1] = responseNanos[i] - responseNanos[i - 1];
    }
    return gaps;
  }

  /** Tokens per second one user sees while the answer streams: 1 / ITL. */
  public OptionalDouble outputTokensPerSecondPerUser() {
    OptionalDouble itl = itlNanos();
    return itl.isPresent() && itl.getAsDouble() > 0
        ? OptionalDouble.of(1e9 / itl.getAsDouble())
        : OptionalDouble.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RequestTimeline that
        && streaming == that.streaming
        && startNanos == that.startNanos
        && endNanos == that.endNanos
        && outputTokens == that.outputTokens
        && Arrays.equals(responseNanos, that.responseNanos);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(startNanos) * 31 + Arrays.hashCode(responseNanos);
  }

  @Override
  public String toString() {
    return "RequestTimeline[streaming="
        + streaming
        + ", start="
        + startNanos
        + ", responses="
        + Arrays.toString(responseNanos)
        + ", end="
        + endNanos
        + ", outputTokens="
        + outputTokens
        + "]";
  }
}
