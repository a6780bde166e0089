package dev.llmscale.core.route;

/**
 * Whether a request may go to a replica under a TTFT budget.
 *
 * @param admitted the forecast is within the budget, or unknown
 * @param forecastSeconds forecast time to first token; NaN when unknown
 * @param retryAfterSeconds when refused, how long until the forecast should fit the budget (at
 *     least 1); 0 when admitted
 */
public record Admission(boolean admitted, double forecastSeconds, long retryAfterSeconds) {}
