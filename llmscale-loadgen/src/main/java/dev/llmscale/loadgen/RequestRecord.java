package dev.llmscale.loadgen;

import dev.llmscale.core.workload.RequestTimeline;
import java.util.Optional;

/**
 * The outcome of one request: what was asked, what came back when, and the error if it failed.
 * Times are {@link System#nanoTime()} values.
 *
 * @param index position in the run
 * @param scheduledNanos when the request was due to go out (its arrival time; in closed-loop runs
 *     the moment a slot freed); {@code timeline().startNanos()} minus this is the client's own lag
 * @param inputTokens prompt tokens as the client counted them
 * @param serverPromptTokens prompt tokens as the server reported them ({@code usage}), or -1
 * @param maxTokens the {@code max_tokens} asked for
 * @param sharedPrefixId the shared system prompt it started with, or -1
 * @param status the HTTP status, 0 if none arrived
 * @param error why it failed, or null if it succeeded
 * @param errorMessage what the server or the connection said, or null
 * @param finishReason the last {@code finish_reason} seen, or null
 * @param timeline what was observed (for a failed request: up to the failure); its output tokens
 *     are the server's usage count, or the client's count of the text when the server sent none
 */
public record RequestRecord(
    long index,
    long scheduledNanos,
    int inputTokens,
    int serverPromptTokens,
    int maxTokens,
    long sharedPrefixId,
    int status,
    ErrorKind error,
    String errorMessage,
    String finishReason,
    RequestTimeline timeline) {

  public boolean ok() {
    return error == null;
  }

  public Optional<String> errorLabel() {
    return error == null ? Optional.empty() : Optional.of(error.label(status));
  }

  /** How late the client sent it: start minus scheduled time. */
  public long sendLagNanos() {
    return timeline.startNanos() - scheduledNanos;
  }
}
