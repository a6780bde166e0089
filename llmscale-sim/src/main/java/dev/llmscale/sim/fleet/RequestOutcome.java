package dev.llmscale.sim.fleet;

/**
 * How a simulated request ended: a name for reports, and the {@code error_type} label the live
 * gateway's {@code requests_total} would give it.
 */
public enum RequestOutcome {
  /** Still in flight. */
  ACTIVE(null, null),
  /** All its tokens were delivered. */
  COMPLETED(null, "none"),
  /** Admission control refused it: it could not start within its TTFT budget (HTTP 429/503). */
  REFUSED("refused", "overload"),
  /** No replica was ready to take it (HTTP 503). */
  NO_REPLICA("no_replica", "unavailable"),
  /** The client gave up before the last token and disconnected. */
  TIMED_OUT("timeout", "cancelled"),
  /** Its replica was removed before it finished (drain grace period over). */
  CUT_BY_DRAIN("cut_by_drain", "internal");

  private final String reportName;
  private final String errorType;

  RequestOutcome(String reportName, String errorType) {
    this.reportName = reportName;
    this.errorType = errorType;
  }

  /** The name results use for this failure ({@code timeout}, {@code refused}); null otherwise. */
  public String reportName() {
    return reportName;
  }

  /** The gateway's {@code error_type} label; {@code none} for a success. */
  public String errorType() {
    return errorType;
  }

  public boolean failed() {
    return reportName != null;
  }
}
