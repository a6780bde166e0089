package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas join and leave while traffic flows, and no request notices: a new replica takes requests
 * once healthy; a removed one drains, finishing its streams but taking no new requests.
 */
@ExtendWith(NettyLeakCheck.class)
class UpstreamChangesIT {
  private EmulatorServer a;
  private EmulatorServer b;
  private GatewayServer gateway;
  private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void startReplicas() throws Exception {
    a = Replicas.start(0.005);
    b = Replicas.start(0.005);
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    if (gateway != null) {
      gateway.close();
    }
    a.close();
    b.close();
  }

  @Test
  void aRemovedReplicaFinishesItsStreamsAndTakesNoNewRequests() throws Exception {
    UpstreamList upstreams = new UpstreamList("test", List.of(a.baseUri()));
    gateway = GatewayServer.start(Replicas.gateway().upstreamSource(upstreams).build());
    ApiClient api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);

    CompletableFuture<ApiClient.StreamedResponse> longStream =
        CompletableFuture.supplyAsync(
            () -> stream(api, ApiClient.chat(300, true)), clients); // 300 × 5 ms on a
    await().atMost(Duration.ofSeconds(5)).until(() -> a.inFlightRequests() == 1);

    upstreams.replace(List.of(b.baseUri()));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ApiClient.json(api.get("/ready")).path("replicas").asInt() == 1);
    assertThat(gateway.upstreams())
        .filteredOn(u -> u.uri().equals(a.baseUri()))
        .singleElement()
        .satisfies(u -> assertThat(u.draining()).isTrue());

    for (int i = 0; i < 5; i++) {
      assertThat(api.post("/v1/completions", ApiClient.completion("hi", 2, false)).statusCode())
          .isEqualTo(200);
    }
    assertThat(b.engineCounters().finishedLength()).isEqualTo(5);
    assertThat(longStream).isNotDone();

    // the replica drains too, as a removed pod does: its /health answers 503, which is no
    // failure of a replica the gateway has already let go of
    CompletableFuture<Boolean> replicaDrained =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return a.drain();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            },
            clients);
    Thread.sleep(500); // five health intervals
    assertThat(gateway.upstreams())
        .filteredOn(u -> u.uri().equals(a.baseUri()))
        .singleElement()
        .satisfies(u -> assertThat(u.healthy()).as("checked while draining").isTrue());

    ApiClient.StreamedResponse drained = longStream.get();
    assertThat(drained.tokens()).as("the draining replica's stream was not cut").isEqualTo(300);
    assertThat(drained.events().getLast().done()).isTrue();
    assertThat(a.engineCounters().finishedLength()).isEqualTo(1);
    assertThat(replicaDrained.get()).isTrue();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> gateway.upstreams().stream().noneMatch(u -> u.uri().equals(a.baseUri())));
  }

  @Test
  void replicasListedInAWatchedFileJoinAndLeaveWithoutFailingARequest(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("upstreams.txt");
    Files.writeString(file, a.baseUri() + "\n");
    gateway =
        GatewayServer.start(
            Replicas.gateway()
                .router("round-robin")
                .upstreamsFile(file, Duration.ofMillis(50))
                .build());
    ApiClient api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CompletableFuture<?> traffic =
        CompletableFuture.runAsync(
            () -> {
              while (running.get()) {
                ApiClient.StreamedResponse response = stream(api, ApiClient.chat(20, true));
                if (response.status() == 200 && response.tokens() == 20) {
                  ok.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                }
              }
            },
            clients);

    UpstreamsFileTest.replace(file, a.baseUri() + "\n" + b.baseUri() + "\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> b.engineCounters().finishedLength() >= 3);
    UpstreamsFileTest.replace(file, "# a is gone\n" + b.baseUri() + "\n");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                gateway.upstreams().stream()
                    .map(UpstreamStatus::uri)
                    .toList()
                    .equals(List.of(b.baseUri())));
    long servedByA = a.engineCounters().finishedLength();
    int okBefore = ok.get();
    await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= okBefore + 3);
    running.set(false);
    traffic.get();

    assertThat(failed.get()).isZero();
    assertThat(a.engineCounters().finishedLength()).as("nothing new for a").isEqualTo(servedByA);
    assertThat(a.engineCounters().aborted()).as("nothing cut on a").isZero();
  }

  private static ApiClient.StreamedResponse stream(ApiClient api, String body) {
    try {
      return api.stream("/v1/chat/completions", body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
