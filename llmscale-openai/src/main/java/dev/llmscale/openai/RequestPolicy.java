package dev.llmscale.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one server accepts beyond the checks every OpenAI-compatible server makes. The defaults
 * accept what vLLM may serve, leaving it to the engine; an engine narrows them to what it serves.
 * Each hook throws the {@link ApiError} the client gets, at the point of {@link RequestReader}'s
 * order where vLLM checks it.
 */
@FunctionalInterface
public interface RequestPolicy {
  /**
   * The model the request goes to.
   *
   * @param requested the {@code model} the request names; null when it names none
   * @throws ApiError when no served model answers to it
   */
  ServedModel model(String requested);

  /** Checks {@code n} (choices per request) when the request gives one. */
  default void checkChoices(long n) {
    if (n < 1) {
      throw ApiError.belowMinimum("n", 1, n);
    }
  }

  /**
   * A chat content part other than text (an image, audio, or not an object at all). An object is
   * left to the engine: it contributes no prompt tokens here.
   */
  default void otherContentPart(String where, JsonNode part) {
    if (!part.isObject()) {
      throw ApiError.wrongType(where, "an object", part);
    }
  }

  /** A completion request with several prompts; accepted, and measured by its first prompt. */
  default void batchedPrompts(int count) {}
}
