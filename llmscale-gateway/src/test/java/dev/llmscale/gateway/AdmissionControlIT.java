package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.emulator.LinearPerformanceModel;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a TTFT budget, a request that would wait in a replica's queue longer than the budget gets a
 * fast 429 with {@code Retry-After} instead of the wait; once the queue drains, requests are
 * admitted again.
 */
@ExtendWith(NettyLeakCheck.class)
class AdmissionControlIT {
  private static final String HUNDRED_TOKENS =
      "{\"model\":\"test-model\",\"prompt\":\"Queue me.\",\"max_tokens\":100,\"stream\":true}";

  private EmulatorServer replica;
  private GatewayServer gateway;
  private ApiClient api;
  private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void start() throws Exception {
    // One sequence at a time, 10 ms per token: each request holds the engine for about 1 s.
    replica =
        EmulatorServer.start(
            Replicas.options(LinearPerformanceModel.fixed(0.010))
                .engineConfig(EngineConfig.defaults(Replicas.MAX_MODEL_LEN, 4096).withMaxNumSeqs(1))
                .build());
    gateway =
        GatewayServer.start(
            Replicas.gateway()
                .ttftBudget(Duration.ofMillis(300))
                .upstream(replica.baseUri())
                .build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    gateway.close();
    replica.close();
  }

  @Test
  void aRequestThatCannotStartInTimeIsRefusedAtOnce() throws Exception {
    // The gateway learns how long a request holds the replica.
    assertThat(api.stream("/v1/completions", HUNDRED_TOKENS).tokens()).isEqualTo(100);
    // The client has its last token before the engine has let the request go: until it has, and a
    // scrape has seen it gone, the next request could read as queued behind it and be refused.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                replica.engineSnapshot().running() == 0 && replica.engineSnapshot().waiting() == 0);
    Thread.sleep(250); // a scrape sees the replica idle

    CompletableFuture<ApiClient.StreamedResponse> running = streamAsync();
    await().atMost(Duration.ofSeconds(5)).until(() -> replica.engineSnapshot().running() == 1);
    CompletableFuture<ApiClient.StreamedResponse> queued = streamAsync();
    await().atMost(Duration.ofSeconds(5)).until(() -> replica.engineSnapshot().waiting() == 1);
    Thread.sleep(250); // a scrape sees the queue

    long start = System.nanoTime();
    HttpResponse<String> refused = api.post("/v1/completions", HUNDRED_TOKENS);
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(answeredIn).isLessThan(Duration.ofMillis(300));
    assertThat(refused.headers().firstValue("retry-after"))
        .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 3));
    assertThat(ApiClient.json(refused).at("/error/code").asText())
        .isEqualTo("ttft_budget_exceeded");
    assertThat(ApiClient.json(refused).at("/error/message").asText())
        .contains("time-to-first-token budget of 0.30 s");
    assertThat(api.metric("llmscale_frontend_requests_total", "error_type=\"overload\""))
        .isEqualTo(1);
    assertThat(api.metric("llmscale_frontend_model_rejection_total", "model=\"test-model\""))
        .isEqualTo(1);

    assertThat(running.get().tokens()).isEqualTo(100);
    assertThat(queued.get().tokens()).as("admitted before the queue showed").isEqualTo(100);
    Thread.sleep(250);
    assertThat(api.stream("/v1/completions", HUNDRED_TOKENS).status())
        .as("admitted again once the queue drained")
        .isEqualTo(200);
  }

  private CompletableFuture<ApiClient.StreamedResponse> streamAsync() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return api.stream("/v1/completions", HUNDRED_TOKENS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        clients);
  }
}
