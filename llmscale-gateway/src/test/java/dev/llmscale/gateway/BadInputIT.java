package dev.llmscale.gateway;

import static dev.llmscale.openai.testing.BadRequest.CHAT;
import static dev.llmscale.openai.testing.BadRequest.COMPLETIONS;
import static dev.llmscale.openai.testing.BadRequest.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.openai.testing.BadRequest;
import dev.llmscale.openai.testing.NettyLeakCheck;
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

  private static final String HI = "[{\"role\":\"user\",\"content\":\"hi\"}]";

  /** What every server refuses, and what the gateway checks beyond the emulator's cases. */
  static Stream<Arguments> cases() {
    return Stream.concat(
            BadRequest.common(BODY_LIMIT),
            Stream.of(
                BadRequest.post(
                    "empty body", COMPLETIONS, "", null, null, "could not parse the JSON"),
                BadRequest.post(
                    "model is not a string",
                    CHAT,
                    "{\"model\":7,\"messages\":" + HI + "}",
                    "model",
                    "invalid_type",
                    "expected a string"),
                BadRequest.post(
                    "messages is empty",
                    CHAT,
                    "{\"messages\":[]}",
                    "messages",
                    "empty_array",
                    "empty array"),
                BadRequest.post(
                    "prompt token ids are not integers",
                    COMPLETIONS,
                    "{\"prompt\":[1,\"two\"]}",
                    "prompt",
                    "invalid_type",
                    "token ids"),
                BadRequest.post(
                    "n zero",
                    COMPLETIONS,
                    "{\"prompt\":\"hi\",\"n\":0}",
                    "n",
                    "integer_below_min_value",
                    ">= 1"),
                BadRequest.post(
                    "stream_options is not an object",
                    COMPLETIONS,
                    "{\"prompt\":\"hi\",\"stream\":true,\"stream_options\":true}",
                    "stream_options",
                    "invalid_type",
                    "expected an object")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAnOpenAiErrorWithoutAskingAReplica(BadRequest c) throws Exception {
    int before = replica.generationRequests();

    c.assertAnswered(api.send(c.path(), c.method(), c.body(), "application/json"));

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
}
