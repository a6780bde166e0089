package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.testing.NettyLeakCheck;
import dev.llmscale.openai.testing.PrometheusText;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAI API through the gateway, in front of two emulated vLLM replicas. */
@ExtendWith(NettyLeakCheck.class)
class ProxyIT {
  private static EmulatorServer first;
  private static EmulatorServer second;
  private static GatewayServer gateway;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    first = Replicas.start(0.002);
    second = Replicas.start(0.002);
    gateway =
        GatewayServer.start(
            Replicas.gateway()
                .router("round-robin")
                .metricsPrefix("dynamo_frontend_")
                .upstream(first.baseUri())
                .upstream(second.baseUri())
                .build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    first.close();
    second.close();
  }

  @Test
  void streamsAChatCompletionEventByEvent() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream("/v1/chat/completions", ApiClient.chat(16, true));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType())
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(response.tokens()).isEqualTo(16);
    assertThat(response.events().getFirst().data()).contains("\"role\":\"assistant\"");
    assertThat(response.events().getLast().done()).isTrue();
    // Forwarded as they came, not buffered: the tokens arrive spread over the engine's steps.
    List<ApiClient.Event> tokens =
        response.events().stream().filter(ApiClient.Event::token).toList();
    assertThat(tokens.getLast().nanos() - tokens.getFirst().nanos())
        .isGreaterThan(Duration.ofMillis(15).toNanos());
  }

  @Test
  void streamsACompletionWithUsage() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream(
            "/v1/completions",
            "{\"model\":\"test-model\",\"prompt\":\"Hello\",\"max_tokens\":5,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.tokens()).isEqualTo(5);
    JsonNode usage = response.events().get(response.events().size() - 2).json().get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void answersNonStreamingRequestsWhole() throws Exception {
    HttpResponse<String> chat = api.post("/v1/chat/completions", ApiClient.chat(7, false));
    HttpResponse<String> completion =
        api.post("/v1/completions", ApiClient.completion("Hello", 3, false));

    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(chat).at("/usage/completion_tokens").asInt()).isEqualTo(7);
    assertThat(ApiClient.json(chat).at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(completion.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(completion).at("/choices/0/text").asText()).isNotBlank();
  }

  @Test
  void whatOnlyTheEngineCanJudgeIsLeftToTheEngine() throws Exception {
    HttpResponse<String> response =
        api.post("/v1/completions", "{\"prompt\":\"hi\",\"n\":2,\"max_tokens\":2}");

    // The emulator supports only n=1; the gateway forwards its answer unchanged.
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(response).at("/error/message").asText()).contains("n=1");
    assertThat(ApiClient.json(response).at("/error/param").asText()).isEqualTo("n");
  }

  @Test
  void listsTheModelsOfAllReplicasOnce() throws Exception {
    HttpResponse<String> response = api.get("/v1/models");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode data = ApiClient.json(response).get("data");
    assertThat(data).hasSize(1);
    assertThat(data.get(0).get("id").asText()).isEqualTo(Replicas.MODEL);
    assertThat(data.get(0).get("max_model_len").asInt()).isEqualTo(Replicas.MAX_MODEL_LEN);
  }

  @Test
  void reportsHealthAndReadiness() throws Exception {
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = api.get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(ready).get("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void roundRobinSpreadsRequestsOverBothReplicas() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(api.post("/v1/completions", ApiClient.completion("hi", 2, false)).statusCode())
          .isEqualTo(200);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(first.engineCounters().finishedLength()).isGreaterThanOrEqualTo(2);
              assertThat(second.engineCounters().finishedLength()).isGreaterThanOrEqualTo(2);
            });
  }

  @Test
  void exportsDynamoCompatibleMetrics() throws Exception {
    api.stream("/v1/chat/completions", ApiClient.chat(4, true));

    String metrics = api.get("/metrics").body();

    String model = "model=\"test-model\"";
    assertThat(
            PrometheusText.value(
                metrics, "dynamo_frontend_time_to_first_token_seconds_count", model))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            PrometheusText.value(
                metrics, "dynamo_frontend_inter_token_latency_seconds_count", model))
        .isGreaterThanOrEqualTo(3);
    assertThat(PrometheusText.value(metrics, "dynamo_frontend_output_tokens_total", model))
        .isGreaterThanOrEqualTo(4);
    assertThat(
            PrometheusText.value(
                metrics,
                "dynamo_frontend_requests_total",
                model,
                "endpoint=\"chat_completions\"",
                "request_type=\"stream\"",
                "status=\"success\"",
                "error_type=\"none\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics)
        .contains("dynamo_frontend_request_duration_seconds_bucket{")
        .contains("dynamo_frontend_input_sequence_tokens_bucket{")
        .contains("dynamo_frontend_output_sequence_tokens_bucket{")
        .contains("dynamo_frontend_queued_requests{")
        .contains("dynamo_frontend_inflight_requests{")
        .contains("llmscale_gateway_upstream_routable{");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(api.metric("dynamo_frontend_inflight_requests", model)).isZero());
  }
}
