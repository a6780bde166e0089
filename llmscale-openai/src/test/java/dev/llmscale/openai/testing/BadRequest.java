package dev.llmscale.openai.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

/**
 * A bad request and the OpenAI error ({@code invalid_request_error}) any OpenAI-compatible server
 * answers it with. {@link #common} lists what the emulator and the gateway both refuse alike; each
 * server's {@code BadInputIT} adds its own cases.
 */
public record BadRequest(
    String name,
    String method,
    String path,
    String body,
    int status,
    String param,
    String code,
    String messagePart) {

  public static final String CHAT = "/v1/chat/completions";
  public static final String COMPLETIONS = "/v1/completions";
  private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

  /** A POST to {@code path} refused with a 400. */
  public static BadRequest post(
      String name, String path, String body, String param, String code, String messagePart) {
    return new BadRequest(name, "POST", path, body, 400, param, code, messagePart);
  }

  /**
   * Bad input every server refuses alike, for a server whose served model has a context of 4096
   * tokens and which refuses bodies over {@code bodyLimit} bytes.
   */
  public static Stream<BadRequest> common(int bodyLimit) {
    return Stream.of(
        post("malformed JSON", CHAT, "{\"model\":", null, null, "could not parse the JSON body"),
        post("body is not an object", CHAT, "[1,2]", null, null, "object"),
        post(
            "max_tokens is a string",
            CHAT,
            "{\"max_tokens\":\"ten\",\"messages\":" + HI + "}",
            "max_tokens",
            "invalid_type",
            "expected an integer"),
        post(
            "messages is not an array",
            CHAT,
            "{\"messages\":\"hi\"}",
            "messages",
            "invalid_type",
            "expected an array"),
        post(
            "message without role",
            CHAT,
            "{\"messages\":[{\"content\":\"hi\"}]}",
            "messages[0].role",
            "missing_required_parameter",
            "messages[0].role"),
        post(
            "message without content",
            CHAT,
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\"}]}",
            "messages[1].content",
            "missing_required_parameter",
            "messages[1].content"),
        post(
            "missing messages",
            CHAT,
            "{\"model\":\"test-model\"}",
            "messages",
            "missing_required_parameter",
            "'messages'"),
        post(
            "missing prompt",
            COMPLETIONS,
            "{\"max_tokens\":3}",
            "prompt",
            "missing_required_parameter",
            "'prompt'"),
        post(
            "max_tokens zero",
            COMPLETIONS,
            "{\"prompt\":\"hi\",\"max_tokens\":0}",
            "max_tokens",
            "integer_below_min_value",
            ">= 1"),
        post(
            "max_tokens negative",
            CHAT,
            "{\"max_completion_tokens\":-5,\"messages\":" + HI + "}",
            "max_completion_tokens",
            "integer_below_min_value",
            "got -5"),
        post(
            "beyond the context length",
            COMPLETIONS,
            "{\"prompt\":\"hello world\",\"max_tokens\":4095}",
            "prompt",
            "context_length_exceeded",
            "This model's maximum context length is 4096 tokens. However, you requested 4097"
                + " tokens (2 in the prompt, 4095 in the completion)."),
        post(
            "stream is not a boolean",
            COMPLETIONS,
            "{\"prompt\":\"hi\",\"stream\":\"yes\"}",
            "stream",
            "invalid_type",
            "expected a boolean"),
        new BadRequest(
            "unknown model",
            "POST",
            CHAT,
            "{\"model\":\"gpt-9\",\"messages\":" + HI + "}",
            404,
            "model",
            "model_not_found",
            "gpt-9"),
        new BadRequest(
            "body over the limit",
            "POST",
            COMPLETIONS,
            "{\"prompt\":\"" + "x".repeat(bodyLimit + 1) + "\"}",
            413,
            null,
            "request_too_large",
            String.valueOf(bodyLimit)),
        new BadRequest(
            "unknown path",
            "POST",
            "/v1/embeddings",
            "{}",
            404,
            null,
            "not_found",
            "/v1/embeddings"),
        new BadRequest("wrong method", "GET", CHAT, null, 405, null, "method_not_allowed", "GET"));
  }

  /** The response is this case's status with its OpenAI error body. */
  public void assertAnswered(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertOpenAiError(response, "invalid_request_error", param, code, messagePart);
  }

  /** The body is an OpenAI error with these fields (null: JSON null) and message. */
  public static void assertOpenAiError(
      HttpResponse<String> response, String type, String param, String code, String messagePart) {
    JsonNode error = ApiClient.json(response).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("message").asText()).contains(messagePart);
    if (param == null) {
      assertThat(error.get("param").isNull()).isTrue();
    } else {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
    if (code == null) {
      assertThat(error.get("code").isNull()).isTrue();
    } else {
      assertThat(error.get("code").asText()).isEqualTo(code);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
