package dev.llmscale.core.policy;

/**
 * The metrics the {@link SloPlanner} reads from an {@link Observation}, by name. The autoscaler
 * maps each to a query (by default over the gateway's {@code llmscale_frontend_*} metrics); the
 * simulator computes them from its fleet. All are fleet-wide, over the last tick.
 */
public enum PlannerSignal {
  /** Requests arriving per second. Required: without it the planner holds. */
  REQUEST_RATE("request_rate"),
  /** Mean prompt length in tokens (ISL). */
  INPUT_TOKENS("input_tokens_mean"),
  /** Mean output length in tokens (OSL). */
  OUTPUT_TOKENS("output_tokens_mean"),
  /** Time to first token at the SLO's quantile, in seconds. */
  TTFT_TAIL("ttft_tail_seconds"),
  /** Inter-token latency at the SLO's quantile, in seconds. */
  ITL_TAIL("itl_tail_seconds"),
  /** Requests waiting for a replica (gateway queue plus engine queues). */
  QUEUE_DEPTH("queued_requests"),
  /** Fraction of finished requests that met both latency targets (0..1). */
  GOODPUT("goodput_ratio"),
  /** Fraction of first tokens within the TTFT target over the signal window (0..1). */
  TTFT_ATTAINMENT("ttft_attainment"),
  /** First tokens over the error budget's period, plus the requests refused under load. */
  PERIOD_REQUESTS("slo_period_requests"),
  /**
   * Of the {@link #PERIOD_REQUESTS}, those without a first token within the TTFT target: late, or
   * refused before one.
   */
  PERIOD_TTFT_MISSES("slo_period_ttft_misses");

  private final String metric;

  PlannerSignal(String metric) {
    this.metric = metric;
  }

  /** The name of this signal's reading in an {@link Observation}. */
  public String metric() {
    return metric;
  }
}
