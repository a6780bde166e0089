package dev.llmscale.core.route;

/**
 * Refuses a request that cannot start within its TTFT budget, so that the client hears "retry in N
 * s" at once instead of waiting out a queue. Uses {@link TtftForecast}; an unknown forecast admits.
 */
public final class AdmissionControl {
  private final double budgetSeconds;

  public AdmissionControl(double budgetSeconds) {
    if (!(budgetSeconds > 0) || Double.isInfinite(budgetSeconds)) {
      throw new IllegalArgumentException("TTFT budget must be a positive number of seconds");
    }
    this.budgetSeconds = budgetSeconds;
  }

  public double budgetSeconds() {
    return budgetSeconds;
  }

  public Admission decide(QueueState queue) {
    double forecast = TtftForecast.seconds(queue);
    if (Double.isNaN(forecast) || forecast <= budgetSeconds) {
      return new Admission(true, forecast, 0);
    }
    long retryAfter = Math.max(1, (long) Math.ceil(forecast - budgetSeconds));
    return new Admission(false, forecast, retryAfter);
  }
}
