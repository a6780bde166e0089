package dev.llmscale.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many concurrent streams on one and on several event loops, continuously batched. */
@ExtendWith(NettyLeakCheck.class)
class ConcurrencyIT {
  private static final int STREAMS = 64;
  private static final int TOKENS = 25;

  @ParameterizedTest(name = "{0} event loop(s)")
  @ValueSource(ints = {1, 3})
  void everyConcurrentStreamGetsAllItsTokensAndTheEngineEmptiesAfterwards(int eventLoops)
      throws Exception {
    try (EmulatorServer server =
        EmulatorServer.start(
            TestServers.options(new LinearPerformanceModel(0.005, 0.00002))
                .ioThreads(eventLoops)
                .build())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<List<String>>> streams = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(server.baseUri().resolve("/v1/completions"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"stream\":true,\"max_tokens\":%d,\"prompt\":\"request %d\"}"
                            .formatted(TOKENS, i)))
                .build();
        streams.add(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(HttpResponse::body)
                .thenApply(Stream::toList));
      }
      for (CompletableFuture<List<String>> stream : streams) {
        List<String> events =
            stream.get(30, TimeUnit.SECONDS).stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(events).hasSize(TOKENS + 1).last().isEqualTo("data: [DONE]");
      }
      // Continuous batching: the streams shared steps instead of running one after another.
      assertThat(server.engineCounters().steps()).isLessThan(STREAMS * TOKENS / 4);
      assertThat(server.engineCounters().generationTokens()).isEqualTo(STREAMS * TOKENS);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(server.engineSnapshot().running()).isZero();
                assertThat(server.engineSnapshot().usedBlocks()).isZero();
                assertThat(server.inFlightRequests()).isZero();
              });
    }
  }
}
