package dev.llmscale.core.engine;

/**
 * One output token produced by a step.
 *
 * @param requestId the request it belongs to
 * @param index 0 for the first output token
 * @param timeNanos when the step that produced it ended, on the driving clock
 * @param finishReason non-null on the request's last token
 */
public record TokenEvent(String requestId, int index, long timeNanos, FinishReason finishReason) {
  public boolean last() {
    return finishReason != null;
  }
}
