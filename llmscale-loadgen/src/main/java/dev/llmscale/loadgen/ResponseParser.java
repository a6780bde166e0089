package dev.llmscale.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads what the load generator needs from an OpenAI response body or streamed chunk, with
 * Jackson's streaming parser (no tree): the output text of the first choice ({@code delta.content},
 * {@code delta.reasoning_content}, {@code text} or {@code message.content}), its {@code
 * finish_reason}, the {@code usage} token counts, and an {@code error}. Thread-safe.
 */
final class ResponseParser {
  private final JsonFactory json = new JsonFactory();

  /** What one chunk or body said; reused between calls. */
  static final class Part {
    final StringBuilder text = new StringBuilder();
    String finishReason;
    int promptTokens = -1;
    int completionTokens = -1;
    String error;

    void clear() {
      text.setLength(0);
      finishReason = null;
      promptTokens = -1;
      completionTokens = -1;
      error = null;
    }
  }

  /**
   * @throws IOException if the bytes are not a JSON object
   */
  void parse(byte[] bytes, int length, Part out) throws IOException {
    out.clear();
    try (JsonParser p = json.createParser(bytes, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "choices" -> choices(p, value, out);
          case "usage" -> usage(p, value, out);
          case "error" -> out.error = error(p, value);
          default -> p.skipChildren();
        }
      }
    }
  }

  private static void choices(JsonParser p, JsonToken value, Part out) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    boolean first = true;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (first && p.currentToken() == JsonToken.START_OBJECT) {
        choice(p, out);
      } else {
        p.skipChildren();
      }
      first = false;
    }
  }

  private static void choice(JsonParser p, Part out) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "delta", "message" -> message(p, value, out);
        case "text" -> appendText(p, value, out);
        case "finish_reason" ->
            out.finishReason = value == JsonToken.VALUE_STRING ? p.getText() : null;
        default -> p.skipChildren();
      }
    }
  }

  private static void message(JsonParser p, JsonToken value, Part out) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken fieldValue = p.nextToken();
      switch (field) {
        case "content", "reasoning_content", "reasoning" -> appendText(p, fieldValue, out);
        default -> p.skipChildren();
      }
    }
  }

  private static void appendText(JsonParser p, JsonToken value, Part out) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      out.text.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } else {
      p.skipChildren();
    }
  }

  private static void usage(JsonParser p, JsonToken value, Part out) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken fieldValue = p.nextToken();
      boolean number = fieldValue == JsonToken.VALUE_NUMBER_INT;
      switch (field) {
        case "prompt_tokens" -> out.promptTokens = number ? p.getIntValue() : -1;
        case "completion_tokens" -> out.completionTokens = number ? p.getIntValue() : -1;
        default -> p.skipChildren();
      }
    }
  }

  private static String error(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return "error";
    }
    String message = "error";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken fieldValue = p.nextToken();
      if (field.equals("message") && fieldValue == JsonToken.VALUE_STRING) {
        message = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return message;
  }
}
