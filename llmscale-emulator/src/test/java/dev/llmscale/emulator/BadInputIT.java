package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request gets the right status and an OpenAI error body, and the server keeps
 * serving afterwards.
 */
@ExtendWith(NettyLeakCheck.class)
class BadInputIT {
  private static final int BODY_LIMIT = 64 * 1024;
  private static EmulatorServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.001))
                .maxRequestBodyBytes(BODY_LIMIT)
                .build());
    api = new ApiClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Case(
      String name,
      String method,
      String path,
      String body,
      int status,
      String type,
      String param,
      String code,
      String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String CHAT = "/v1/chat/completions";
  private static final String COMPLETIONS = "/v1/completions";
  private static final String INVALID = "invalid_request_error";

  static Stream<Arguments> cases() {
    String hugePrompt = "x".repeat(BODY_LIMIT + 1);
    return Stream.of(
            new Case(
                "malformed JSON",
                "POST",
                CHAT,
                "{\"model\":",
                400,
                INVALID,
                null,
                null,
                "could not parse the JSON body"),
            new Case(
                "body is not an object", "POST", CHAT, "[1,2]", 400, INVALID, null, null, "object"),
            new Case(
                "max_tokens is a string",
                "POST",
                CHAT,
                "{\"max_tokens\":\"ten\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400,
                INVALID,
                "max_tokens",
                "invalid_type",
                "expected an integer"),
            new Case(
                "messages is not an array",
                "POST",
                CHAT,
                "{\"messages\":\"hi\"}",
                400,
                INVALID,
                "messages",
                "invalid_type",
                "expected an array"),
            new Case(
                "message without role",
                "POST",
                CHAT,
                "{\"messages\":[{\"content\":\"hi\"}]}",
                400,
                INVALID,
                "messages[0].role",
                "missing_required_parameter",
                "messages[0].role"),
            new Case(
                "message without content",
                "POST",
                CHAT,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\"}]}",
                400,
                INVALID,
                "messages[1].content",
                "missing_required_parameter",
                "messages[1].content"),
            new Case(
                "missing messages",
                "POST",
                CHAT,
                "{\"model\":\"test-model\"}",
                400,
                INVALID,
                "messages",
                "missing_required_parameter",
                "'messages'"),
            new Case(
                "missing prompt",
                "POST",
                COMPLETIONS,
                "{\"max_tokens\":3}",
                400,
                INVALID,
                "prompt",
                "missing_required_parameter",
                "'prompt'"),
            new Case(
                "max_tokens zero",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"max_tokens\":0}",
                400,
                INVALID,
                "max_tokens",
                "integer_below_min_value",
                ">= 1"),
            new Case(
                "max_tokens negative",
                "POST",
                CHAT,
                "{\"max_completion_tokens\":-5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400,
                INVALID,
                "max_completion_tokens",
                "integer_below_min_value",
                "got -5"),
            new Case(
                "beyond the context length",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hello world\",\"max_tokens\":4095}",
                400,
                INVALID,
                "prompt",
                "context_length_exceeded",
                "This model's maximum context length is 4096 tokens. However, you requested 4097"
                    + " tokens (2 in the prompt, 4095 in the completion)."),
            new Case(
                "n above one",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"n\":2}",
                400,
                INVALID,
                "n",
                "unsupported_value",
                "n=1"),
            new Case(
                "stream is not a boolean",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"stream\":\"yes\"}",
                400,
                INVALID,
                "stream",
                "invalid_type",
                "expected a boolean"),
            new Case(
                "unknown model",
                "POST",
                CHAT,
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                404,
                INVALID,
                "model",
                "model_not_found",
                "gpt-9"),
            new Case(
                "body over the limit",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"" + hugePrompt + "\"}",
                413,
                INVALID,
                null,
                "request_too_large",
                String.valueOf(BODY_LIMIT)),
            new Case(
                "unknown path",
                "POST",
                "/v1/embeddings",
                "{}",
                404,
                INVALID,
                null,
                "not_found",
                "/v1/embeddings"),
            new Case(
                "wrong method", "GET", CHAT, null, 405, INVALID, null, "method_not_allowed", "GET"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAnOpenAiError(Case c) throws Exception {
    HttpResponse<String> response = api.send(c.path(), c.method(), c.body(), "application/json");

    assertThat(response.statusCode()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = ApiClient.json(response).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.get("type").asText()).isEqualTo(c.type());
    assertThat(error.get("message").asText()).contains(c.messagePart());
    if (c.param() == null) {
      assertThat(error.get("param").isNull()).isTrue();
    } else {
      assertThat(error.get("param").asText()).isEqualTo(c.param());
    }
    if (c.code() == null) {
      assertThat(error.get("code").isNull()).isTrue();
    } else {
      assertThat(error.get("code").asText()).isEqualTo(c.code());
    }
  }

  @AfterEach
  void stillServes() throws Exception {
    // Any content type is accepted, as vLLM does.
    HttpResponse<String> response =
        api.send(COMPLETIONS, "POST", "{\"prompt\":\"hi\",\"max_tokens\":2}", "text/plain");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }
}
