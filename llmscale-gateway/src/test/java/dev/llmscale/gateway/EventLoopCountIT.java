package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent streams on one event loop and on several: each loop keeps its own upstream connection
 * pool, and every stream arrives whole whichever loop serves it.
 */
@ExtendWith(NettyLeakCheck.class)
class EventLoopCountIT {

  @ParameterizedTest(name = "{0} event loops")
  @ValueSource(ints = {1, 3})
  void concurrentStreamsArriveWhole(int loops) throws Exception {
    try (EmulatorServer a = Replicas.start(0.002);
        EmulatorServer b = Replicas.start(0.002);
        GatewayServer gateway =
            GatewayServer.start(
                Replicas.gateway()
                    .ioThreads(loops)
                    .upstream(a.baseUri())
                    .upstream(b.baseUri())
                    .build());
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      ApiClient api = new ApiClient(gateway.baseUri());
      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);

      List<Future<ApiClient.StreamedResponse>> streams = new ArrayList<>();
      for (int round = 0; round < 3; round++) { // later rounds reuse pooled connections
        for (int i = 0; i < 16; i++) {
          streams.add(
              clients.submit(() -> api.stream("/v1/chat/completions", ApiClient.chat(25, true))));
        }
        for (Future<ApiClient.StreamedResponse> stream : streams) {
          ApiClient.StreamedResponse response = stream.get();
          assertThat(response.status()).isEqualTo(200);
          assertThat(response.tokens()).isEqualTo(25);
          assertThat(response.events().getLast().done()).isTrue();
        }
        streams.clear();
      }

      // Engine counters are published at the next step boundary, which may follow the response.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(
              () ->
                  a.engineCounters().finishedLength() + b.engineCounters().finishedLength() == 48);
      // The last chunk is flushed before the exchange books its end.
      await().atMost(Duration.ofSeconds(2)).until(() -> gateway.inFlightRequests() == 0);
    }
  }
}
