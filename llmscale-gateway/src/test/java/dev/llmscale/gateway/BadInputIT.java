package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests get the emulator's (and vLLM's) status and OpenAI error body from the gateway
 * itself, without reaching a replica, and the gateway keeps serving afterwards. Without a ready
 * replica a request gets a 503 that says why.
 */
@ExtendWith(NettyLeakCheck.class)
class BadInputIT {
  private static final int BODY_LIMIT = 64 * 1024;
  private static ScriptedUpstream replica;
  private static GatewayServer gateway;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    replica = new ScriptedUpstream(ScriptedUpstream.Behaviour.STREAM);
    gateway =
        GatewayServer.start(
            Replicas.gateway().upstream(replica.baseUri()).maxRequestBodyBytes(BODY_LIMIT).build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    replica.close();
  }

  record Case(
      String name,
      String method,
      String path,
      String body,
      int status,
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
  private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "malformed JSON",
                "POST",
                CHAT,
                "{\"model\":",
                400,
                null,
                null,
                "could not parse the JSON body"),
            new Case("body is not an object", "POST", CHAT, "[1,2]", 400, null, null, "object"),
            new Case(
                "empty body", "POST", COMPLETIONS, "", 400, null, null, "could not parse the JSON"),
            new Case(
                "model is not a string",
                "POST",
                CHAT,
                "{\"model\":7,\"messages\":" + HI + "}",
                400,
                "model",
                "invalid_type",
                "expected a string"),
            new Case(
                "max_tokens is a string",
                "POST",
                CHAT,
                "{\"max_tokens\":\"ten\",\"messages\":" + HI + "}",
                400,
                "max_tokens",
                "invalid_type",
                "expected an integer"),
            new Case(
                "messages is not an array",
                "POST",
                CHAT,
                "{\"messages\":\"hi\"}",
                400,
                "messages",
                "invalid_type",
                "expected an array"),
            new Case(
                "messages is empty",
                "POST",
                CHAT,
                "{\"messages\":[]}",
                400,
                "messages",
                "empty_array",
                "empty array"),
            new Case(
                "message without role",
                "POST",
                CHAT,
                "{\"messages\":[{\"content\":\"hi\"}]}",
                400,
                "messages[0].role",
                "missing_required_parameter",
                "messages[0].role"),
            new Case(
                "message without content",
                "POST",
                CHAT,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\"}]}",
                400,
                "messages[1].content",
                "missing_required_parameter",
                "messages[1].content"),
            new Case(
                "missing messages",
                "POST",
                CHAT,
                "{\"model\":\"test-model\"}",
                400,
                "messages",
                "missing_required_parameter",
                "'messages'"),
            new Case(
                "missing prompt",
                "POST",
                COMPLETIONS,
                "{\"max_tokens\":3}",
                400,
                "prompt",
                "missing_required_parameter",
                "'prompt'"),
            new Case(
                "prompt token ids are not integers",
                "POST",
                COMPLETIONS,
                "{\"prompt\":[1,\"two\"]}",
                400,
                "prompt",
                "invalid_type",
                "token ids"),
            new Case(
                "max_tokens zero",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"max_tokens\":0}",
                400,
                "max_tokens",
                "integer_below_min_value",
                ">= 1"),
            new Case(
                "max_tokens negative",
                "POST",
                CHAT,
                "{\"max_completion_tokens\":-5,\"messages\":" + HI + "}",
                400,
                "max_completion_tokens",
                "integer_below_min_value",
                "got -5"),
            new Case(
                "n zero",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"n\":0}",
                400,
                "n",
                "integer_below_min_value",
                ">= 1"),
            new Case(
                "beyond the context length",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hello world\",\"max_tokens\":4095}",
                400,
                "prompt",
                "context_length_exceeded",
                "This model's maximum context length is 4096 tokens. However, you requested 4097"
                    + " tokens (2 in the prompt, 4095 in the completion)."),
            new Case(
                "stream is not a boolean",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"stream\":\"yes\"}",
                400,
                "stream",
                "invalid_type",
                "expected a boolean"),
            new Case(
                "stream_options is not an object",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"hi\",\"stream\":true,\"stream_options\":true}",
                400,
                "stream_options",
                "invalid_type",
                "expected an object"),
            new Case(
                "unknown model",
                "POST",
                CHAT,
                "{\"model\":\"gpt-9\",\"messages\":" + HI + "}",
                404,
                "model",
                "model_not_found",
                "gpt-9"),
            new Case(
                "body over the limit",
                "POST",
                COMPLETIONS,
                "{\"prompt\":\"" + "x".repeat(BODY_LIMIT + 1) + "\"}",
                413,
                null,
                "request_too_large",
                String.valueOf(BODY_LIMIT)),
            new Case(
                "unknown path",
                "POST",
                "/v1/embeddings",
                "{}",
                404,
                null,
                "not_found",
                "/v1/embeddings"),
            new Case("wrong method", "GET", CHAT, null, 405, null, "method_not_allowed", "GET"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAnOpenAiErrorWithoutAskingAReplica(Case c) throws Exception {
    int before = replica.generationRequests();

    HttpResponse<String> response = api.send(c.path(), c.method(), c.body(), "application/json");

    assertThat(response.statusCode()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertOpenAiError(response, "invalid_request_error", c.param(), c.code(), c.messagePart());
    assertThat(replica.generationRequests()).isEqualTo(before);
  }

  @AfterEach
  void stillServes() throws Exception {
    int before = replica.generationRequests();
    // No model named: the fleet's only model serves, as vLLM does. Any content type is accepted.
    HttpResponse<String> response =
        api.send(
            CHAT,
            "POST",
            "{\"messages\":" + HI + ",\"stream\":true,\"max_tokens\":2}",
            "text/plain");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("data: [DONE]");
    assertThat(replica.generationRequests()).isEqualTo(before + 1);
  }

  @Test
  void countsRefusedRequestsByErrorType() throws Exception {
    api.post(CHAT, "{\"model\":\"gpt-9\",\"messages\":" + HI + "}");

    assertThat(
            api.metric(
                "llmscale_frontend_requests_total", "status=\"error\"", "error_type=\"not_found\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void withoutReplicasEveryRequestGetsA503SayingWhy() throws Exception {
    try (GatewayServer empty = GatewayServer.start(Replicas.gateway().build())) {
      ApiClient client = new ApiClient(empty.baseUri());

      HttpResponse<String> chat = client.post(CHAT, ApiClient.chat(2, true));
      HttpResponse<String> ready = client.get("/ready");
      HttpResponse<String> models = client.get("/v1/models");

      for (HttpResponse<String> response : new HttpResponse[] {chat, ready, models}) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertOpenAiError(
            response,
            "server_error",
            null,
            "service_unavailable",
            "No upstream replicas are configured");
      }
      assertThat(chat.headers().firstValue("retry-after")).hasValue("1");
      assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withReplicasThatAreDownARequestGetsA503SayingSo() throws Exception {
    URI nobody = URI.create("http://127.0.0.1:9"); // discard port: nothing listens
    try (GatewayServer gatewayOfDeadReplicas =
        GatewayServer.start(Replicas.gateway().upstream(nobody).build())) {
      ApiClient client = new ApiClient(gatewayOfDeadReplicas.baseUri());

      HttpResponse<String> response = client.post(CHAT, ApiClient.chat(2, false));

      assertThat(response.statusCode()).isEqualTo(503);
      assertOpenAiError(
          response, "server_error", null, "service_unavailable", "No upstream replica is ready");
      assertThat(response.body()).contains("1 replica (0 healthy");
    }
  }

  private static void assertOpenAiError(
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
}
