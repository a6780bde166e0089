package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Startup delay, drain and shutdown as a load balancer and Kubernetes see them. */
@ExtendWith(NettyLeakCheck.class)
class LifecycleIT {
  private static final String CHAT =
      """
      {"model":"test-model","messages":[{"role":"user","content":"hi"}],"max_tokens":3}
      """;

  @Test
  void healthAndRequestsAnswer503UntilTheModelHasLoaded() throws Exception {
    try (EmulatorServer server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.001))
                .startupDelay(Duration.ofMillis(1500))
                .build())) {
      ApiClient api = new ApiClient(server.baseUri());

      assertThat(api.get("/health").statusCode()).isEqualTo(503);
      HttpResponse<String> early = api.post("/v1/chat/completions", CHAT);
      assertThat(early.statusCode()).isEqualTo(503);
      assertThat(ApiClient.json(early).at("/error/message").asText()).contains("loading");
      assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
      assertThat(server.ready()).isFalse();

      await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/health").statusCode() == 200);
      assertThat(server.ready()).isTrue();
      assertThat(api.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void drainFinishesInFlightStreamsRefusesNewOnesThenStops() throws Exception {
    EmulatorServer server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.020))
                .drainTimeout(Duration.ofSeconds(10))
                .build());
    ApiClient api = new ApiClient(server.baseUri());
    CompletableFuture<ApiClient.StreamedResponse> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.stream(
                    "/v1/completions",
                    "{\"stream\":true,\"max_tokens\":40,\"prompt\":\"a long answer please\"}");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlightRequests() == 1);

    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return server.drain();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> !server.ready());

    HttpResponse<String> refused = api.post("/v1/chat/completions", CHAT);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(ApiClient.json(refused).at("/error/message").asText()).contains("shutting down");
    assertThat(api.get("/health").statusCode()).isEqualTo(503);

    ApiClient.StreamedResponse stream = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(stream.events()).hasSize(41);
    assertThat(stream.events().get(40).done()).isTrue();
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.awaitTermination(Duration.ofSeconds(5))).isTrue();
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);
  }

  @Test
  void drainEndsStreamsStillRunningAtTheTimeout() throws Exception {
    EmulatorServer server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.020))
                .drainTimeout(Duration.ofMillis(300))
                .build());
    ApiClient api = new ApiClient(server.baseUri());
    CompletableFuture<ApiClient.StreamedResponse> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.stream(
                    "/v1/completions", "{\"stream\":true,\"max_tokens\":3000,\"prompt\":\"go\"}");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> server.inFlightRequests() == 1);

    long start = System.nanoTime();
    assertThat(server.drain()).isFalse();
    assertThat((System.nanoTime() - start) / 1e9).isBetween(0.25, 5.0);
    // The cut stream never sees [DONE]: the client notices a truncated response.
    assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IOException.class);
    server.close(); // idempotent
  }
}
