package dev.llmscale.core.engine;

/**
 * A request's life in the engine, reported once when it finishes or is cancelled: the inputs of
 * vLLM's latency histograms.
 *
 * @param firstScheduledNanos when it first got a step (queue time ends); -1 if it never did
 * @param firstTokenNanos when its first output token was produced; -1 if none was
 * @param cachedPromptTokens prompt tokens served from the prefix cache at admission
 */
public record FinishedRequest(
    String id,
    long arrivalNanos,
    long firstScheduledNanos,
    long firstTokenNanos,
    long finishNanos,
    int promptTokens,
    int outputTokens,
    int cachedPromptTokens,
    int preemptions,
    FinishReason reason) {

  /** Time to first token in seconds, or NaN without one. */
  public double ttftSeconds() {
    return firstTokenNanos < 0 ? Double.NaN : (firstTokenNanos - arrivalNanos) / 1e9;
  }

  public double e2eSeconds() {
    return (finishNanos - arrivalNanos) / 1e9;
  }

  /** Seconds waiting before the first step, or NaN if never scheduled. */
  public double queueSeconds() {
    return firstScheduledNanos < 0 ? Double.NaN : (firstScheduledNanos - arrivalNanos) / 1e9;
  }

  /** Mean time per output token after the first, or NaN with fewer than two tokens. */
  public double meanItlSeconds() {
    return outputTokens < 2
        ? Double.NaN
        : (finishNanos - firstTokenNanos) / 1e9 / (outputTokens - 1);
  }
}
