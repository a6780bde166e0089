package dev.llmscale.core.workload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Latency targets a request must meet to count toward goodput (aiperf's {@code --goodput}): every
 * target that is set must hold. A request lacking a metric with a target fails it, except ITL of a
 * one-token answer, which has no gap to miss.
 *
 * @param ttft most time to first token
 * @param itl most inter-token latency (aiperf's: (latency − TTFT) / (tokens − 1))
 * @param requestLatency most end-to-end request latency
 */
public record SloTargets(
    Optional<Duration> ttft, Optional<Duration> itl, Optional<Duration> requestLatency) {

  /** No targets: every successful request is good. */
  public static final SloTargets NONE =
      new SloTargets(Optional.empty(), Optional.empty(), Optional.empty());

  public SloTargets {
    for (Optional<Duration> target : List.of(ttft, itl, requestLatency)) {
      if (target.isPresent() && (target.get().isNegative() || target.get().isZero())) {
        throw new IllegalArgumentException("SLO targets must be > 0: " + target.get());
      }
    }
  }

  public boolean isEmpty() {
    return ttft.isEmpty() && itl.isEmpty() && requestLatency.isEmpty();
  }

  /** Whether a successful request met every target. */
  public boolean isMetBy(RequestTimeline request) {
    if (ttft.isPresent()) {
      OptionalLong value = request.ttftNanos();
      if (value.isEmpty() || value.getAsLong() > ttft.get().toNanos()) {
        return false;
      }
    }
    if (itl.isPresent()) {
      OptionalDouble value = request.itlNanos();
      boolean oneToken = request.outputTokens() < 2 && request.ttftNanos().isPresent();
      if (value.isEmpty() ? !oneToken : value.getAsDouble() > itl.get().toNanos()) {
        return false;
      }
    }
    return requestLatency.isEmpty()
        || request.requestLatencyNanos() <= requestLatency.get().toNanos();
  }
}
