package dev.llmscale.sim.fleet;

/** How a simulated request ended, with the error type the gateway's metrics would label it. */
public enum RequestOutcome {
  /** Still in flight. */
  ACTIVE(null),
  /** All its tokens were delivered. */
  COMPLETED(null),
  /** Admission control refused it: it could not start within its TTFT budget (HTTP 429/503). */
  REFUSED("overloaded"),
  /** No replica was ready to take it (HTTP 503). */
  NO_REPLICA("no_replicas"),
  /** The client gave up before the last token. */
  TIMED_OUT("timeout"),
  /** Its replica was removed before it finished (drain grace period over). */
  CUT_BY_DRAIN("upstream_disconnected");

  private final String errorType;

  RequestOutcome(String errorType) {
    this.errorType = errorType;
  }

  /** The {@code error_type} label, or null for a success or an active request. */
  public String errorType() {
    return errorType;
  }

  public boolean failed() {
    return errorType != null;
  }
}
