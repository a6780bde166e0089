package dev.llmscale.loadgen;

/**
 * A request ready to send: its JSON body and what the records need to know about it.
 *
 * @param index position in the run, from 0
 * @param body the JSON request body; empty for the client's warm-up probe, a {@code GET} of {@code
 *     /v1/models}
 * @param inputTokens prompt tokens as the client counted them
 * @param maxTokens the {@code max_tokens} asked for
 * @param sharedPrefixId the shared system prompt it starts with, or -1
 */
public record PreparedRequest(
    long index, byte[] body, int inputTokens, int maxTokens, long sharedPrefixId) {

  /** The warm-up probe: {@code GET /v1/models}, answered by every OpenAI-compatible server. */
  static PreparedRequest probe() {
    return new PreparedRequest(-1, new byte[0], 0, 1, -1);
  }

  boolean isProbe() {
    return body.length == 0;
  }
}
