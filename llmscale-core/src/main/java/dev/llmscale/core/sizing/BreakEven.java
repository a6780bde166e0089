package dev.llmscale.core.sizing;

/**
 * When self-hosting costs less than a per-token API: the daily request volume at which the API's
 * bill equals the fixed daily cost of the platform plus the GPU time the requests use,
 *
 * <pre>
 *   api per request      = (prompt · input price + output · output price) / 10^6
 *   self-hosted per req. = GPU $/hour · (prompt + output) / (tokens per second · 3600)
 *   break-even requests/day = fixed daily cost / (api per request − self-hosted per request)
 * </pre>
 *
 * With GPUs billed only while they work (scale to zero), the fixed cost is the platform's (system
 * nodes); with GPUs always on it includes them.
 */
public final class BreakEven {
  private BreakEven() {}

  /** The API's price of one request, in dollars. */
  public static double apiCostPerRequest(
      double promptTokens, double outputTokens, double inputPerMillion, double outputPerMillion) {
    return (promptTokens * inputPerMillion + outputTokens * outputPerMillion) / 1e6;
  }

  /** What one request costs in GPU time, in dollars, at a throughput of prompt + output tokens. */
  public static double selfHostedCostPerRequest(
      double promptTokens, double outputTokens, double dollarsPerHour, double tokensPerSecond) {
    if (!(tokensPerSecond > 0)) {
      throw new SizingException("throughput must be > 0 tokens per second");
    }
    return dollarsPerHour * (promptTokens + outputTokens) / (tokensPerSecond * 3600);
  }

  /**
   * Requests per day above which self-hosting is cheaper; {@link Double#POSITIVE_INFINITY} when
   * each request costs more self-hosted than through the API.
   */
  public static double requestsPerDay(
      double fixedDailyDollars, double apiPerRequest, double selfHostedPerRequest) {
    double saving = apiPerRequest - selfHostedPerRequest;
    return saving > 0 ? fixedDailyDollars / saving : Double.POSITIVE_INFINITY;
  }
}
