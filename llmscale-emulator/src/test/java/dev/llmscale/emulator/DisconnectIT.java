package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import dev.llmscale.openai.testing.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that goes away, mid-stream or while queued, frees its KV blocks in the engine. */
@ExtendWith(NettyLeakCheck.class)
class DisconnectIT {
  private static final String LONG_STREAM =
      """
      {"model":"test-model","stream":true,"max_tokens":2000,"prompt":"%s"}
      """;

  private EmulatorServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    // One sequence at a time, so a second request waits in the queue.
    server =
        EmulatorServer.start(
            TestServers.options(LinearPerformanceModel.fixed(0.010))
                .engineConfig(
                    EngineConfig.defaults(TestServers.MAX_MODEL_LEN, 4096).withMaxNumSeqs(1))
                .build());
    api = new ApiClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void disconnectMidStreamAndWhileQueuedFreesTheEngine() throws Exception {
    String prompt = "word ".repeat(100);
    try (RawHttp running = new RawHttp(server.baseUri())) {
      running.post("/v1/completions", LONG_STREAM.formatted(prompt));
      running.readUntil("\"text\":");

      try (RawHttp queued = new RawHttp(server.baseUri())) {
        queued.post("/v1/completions", LONG_STREAM.formatted("another prompt"));
        queued.readUntil("text/event-stream"); // the stream's head comes before its first token
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> {
                  assertThat(api.metric("vllm:num_requests_running")).isEqualTo(1);
                  assertThat(api.metric("vllm:num_requests_waiting")).isEqualTo(1);
                  assertThat(api.metric("vllm:kv_cache_usage_perc")).isGreaterThan(0);
                });
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(api.metric("vllm:num_requests_waiting")).isEqualTo(0));
      assertThat(api.metric("vllm:num_requests_running")).isEqualTo(1);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(api.metric("vllm:num_requests_running")).isEqualTo(0);
              assertThat(api.metric("vllm:kv_cache_usage_perc")).isEqualTo(0);
              assertThat(api.metric("vllm:gpu_cache_usage_perc")).isEqualTo(0);
              assertThat(api.metric("vllm:request_success_total", "finished_reason=\"abort\""))
                  .isEqualTo(2);
            });
    assertThat(server.inFlightRequests()).isZero();
    assertThat(server.engineSnapshot().usedBlocks()).isZero();
  }
}
