package dev.llmscale.core.workload;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a run stops sending: after {@code maxRequests} requests or once {@code maxDuration} has
 * passed since the start, whichever comes first. Every run is bounded by design, so at least one
 * limit is set.
 *
 * @param maxRequests most requests sent, or {@link #UNLIMITED}
 * @param maxDurationNanos no request is sent at or after this time, or {@link #UNLIMITED}
 */
public record RunLimit(long maxRequests, long maxDurationNanos) {

  /** No limit of this kind. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  public RunLimit {
    if (maxRequests <= 0 || maxDurationNanos <= 0) {
      throw new IllegalArgumentException(
          "request count and duration limits must be > 0: "
              + maxRequests
              + ", "
              + maxDurationNanos);
    }
    if (maxRequests == UNLIMITED && maxDurationNanos == UNLIMITED) {
      throw new IllegalArgumentException("a run needs a request count or a duration limit");
    }
  }

  public static RunLimit count(long requests) {
    return new RunLimit(requests, UNLIMITED);
  }

  public static RunLimit duration(Duration duration) {
    return new RunLimit(UNLIMITED, duration.toNanos());
  }

  /** Both limits, either of which may be empty (but not both). */
  public static RunLimit of(OptionalLong requests, Optional<Duration> duration) {
    return new RunLimit(
        requests.orElse(UNLIMITED), duration.map(Duration::toNanos).orElse(UNLIMITED));
  }

  /** Whether request number {@code sent + 1} may go out at {@code elapsedNanos} into the run. */
  public boolean allowsAnother(long sent, long elapsedNanos) {
    return sent < maxRequests && elapsedNanos < maxDurationNanos;
  }

  public OptionalLong requests() {
    return maxRequests == UNLIMITED ? OptionalLong.empty() : OptionalLong.of(maxRequests);
  }

  public Optional<Duration> duration() {
    return maxDurationNanos == UNLIMITED
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(maxDurationNanos));
  }
}
