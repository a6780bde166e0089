package dev.llmscale.core.policy;

/**
 * The mean request of a workload, in tokens: the ISL/OSL mix a replica's capacity depends on.
 *
 * @param inputTokens mean prompt length (ISL), >= 1
 * @param outputTokens mean output length (OSL), >= 1
 */
public record LoadShape(double inputTokens, double outputTokens) {

  public LoadShape {
    if (!(inputTokens >= 1) || !Double.isFinite(inputTokens)) {
      throw new IllegalArgumentException("input tokens must be >= 1: " + inputTokens);
    }
    if (!(outputTokens >= 1) || !Double.isFinite(outputTokens)) {
      throw new IllegalArgumentException("output tokens must be >= 1: " + outputTokens);
    }
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "ISL %.0f / OSL %.0f", inputTokens, outputTokens);
  }
}
