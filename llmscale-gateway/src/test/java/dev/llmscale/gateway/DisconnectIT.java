package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.emulator.LinearPerformanceModel;
import dev.llmscale.openai.testing.NettyLeakCheck;
import dev.llmscale.openai.testing.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that goes away cancels its request in the engine, mid-stream or still queued. */
@ExtendWith(NettyLeakCheck.class)
class DisconnectIT {
  private static final String LONG_STREAM =
      "{\"model\":\"test-model\",\"stream\":true,\"max_tokens\":2000,\"prompt\":\"%s\"}";

  private EmulatorServer replica;
  private GatewayServer gateway;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    // One sequence at a time, so a second request waits in the engine's queue.
    replica =
        EmulatorServer.start(
            Replicas.options(LinearPerformanceModel.fixed(0.010))
                .engineConfig(EngineConfig.defaults(Replicas.MAX_MODEL_LEN, 4096).withMaxNumSeqs(1))
                .build());
    gateway = GatewayServer.start(Replicas.gateway().upstream(replica.baseUri()).build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    gateway.close();
    replica.close();
  }

  @Test
  void disconnectingMidStreamAndWhileQueuedCancelsInTheEngine() throws Exception {
    try (RawHttp running = new RawHttp(gateway.baseUri())) {
      running.post("/v1/completions", LONG_STREAM.formatted("word ".repeat(50)));
      running.readUntil("\"text\":");

      try (RawHttp queued = new RawHttp(gateway.baseUri())) {
        queued.post("/v1/completions", LONG_STREAM.formatted("another prompt"));
        queued.readUntil("text/event-stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.engineSnapshot().waiting() == 1);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> replica.engineSnapshot().waiting() == 0);
      assertThat(replica.engineSnapshot().running()).isEqualTo(1);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(replica.engineSnapshot().running()).isZero();
              assertThat(replica.engineCounters().aborted()).isEqualTo(2);
              assertThat(replica.inFlightRequests()).isZero();
            });
    assertThat(gateway.inFlightRequests()).isZero();
    assertThat(gateway.upstreams().getFirst().inFlight()).isZero();
    assertThat(api.metric("llmscale_frontend_requests_total", "error_type=\"cancelled\""))
        .isEqualTo(2);
    assertThat(api.metric("llmscale_frontend_inflight_requests", "model=\"test-model\"")).isZero();
    assertThat(api.metric("llmscale_frontend_queued_requests", "model=\"test-model\"")).isZero();
  }
}
