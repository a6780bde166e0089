package dev.llmscale.gateway;

/**
 * Passive outlier ejection for one replica. After {@code failureThreshold} consecutive failed
 * requests (connect errors, timeouts, 5xx, broken streams) the replica is ejected (OPEN) for the
 * ejection time, which doubles with each ejection in a row up to a maximum. When it elapses the
 * breaker lets exactly one request through (HALF_OPEN); its success closes the breaker, its failure
 * ejects again. Thread-safe; time is passed in.
 */
final class CircuitBreaker {
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final long baseEjectionNanos;
  private final long maxEjectionNanos;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private int ejectionsInARow;
  private long openUntilNanos;
  private boolean probeInFlight;

  CircuitBreaker(int failureThreshold, long baseEjectionNanos, long maxEjectionNanos) {
    if (failureThreshold <= 0 || baseEjectionNanos <= 0 || maxEjectionNanos < baseEjectionNanos) {
      throw new IllegalArgumentException("bad circuit breaker settings");
    }
    this.failureThreshold = failureThreshold;
    this.baseEjectionNanos = baseEjectionNanos;
    this.maxEjectionNanos = maxEjectionNanos;
  }

  /** Whether a request may be sent now; moves an elapsed ejection to HALF_OPEN. */
  synchronized boolean allows(long nowNanos) {
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> {
        if (nowNanos - openUntilNanos < 0) {
          yield false;
        }
        state = State.HALF_OPEN;
        probeInFlight = false;
        yield true;
      }
      case HALF_OPEN -> !probeInFlight;
    };
  }

  /** A request was sent; in HALF_OPEN it is the probe, and no other may follow until it ends. */
  synchronized void dispatched() {
    if (state == State.HALF_OPEN) {
      probeInFlight = true;
    }
  }

  synchronized void succeeded() {
    consecutiveFailures = 0;
    if (state != State.CLOSED) {
      state = State.CLOSED;
      ejectionsInARow = 0;
      probeInFlight = false;
    }
  }

  /**
   * @return true if this failure ejected the replica
   */
  synchronized boolean failed(long nowNanos) {
    consecutiveFailures++;
    boolean eject =
        state == State.HALF_OPEN
            || state == State.CLOSED && consecutiveFailures >= failureThreshold;
    if (eject) {
      long ejection = baseEjectionNanos;
      for (int i = 0; i < ejectionsInARow && ejection < maxEjectionNanos; i++) {
        ejection *= 2;
      }
      openUntilNanos = nowNanos + Math.min(ejection, maxEjectionNanos);
      ejectionsInARow++;
      state = State.OPEN;
      probeInFlight = false;
    }
    return eject;
  }

  /** A request ended without telling anything (the client left): a probe may be tried again. */
  synchronized void abandoned() {
    probeInFlight = false;
  }

  synchronized State state() {
    return state;
  }
}
