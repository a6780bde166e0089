package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The routers at work in front of real (emulated) engines. */
@ExtendWith(NettyLeakCheck.class)
class RoutingIT {
  private static final String SYSTEM =
      "You are the autoscaler's assistant. Keep answers short and precise. ".repeat(40);

  private EmulatorServer a;
  private EmulatorServer b;
  private GatewayServer gateway;
  private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void startReplicas() throws Exception {
    a = Replicas.start(0.002);
    b = Replicas.start(0.002);
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
    gateway.close();
    a.close();
    b.close();
  }

  private ApiClient startGateway(String router) throws Exception {
    gateway =
        GatewayServer.start(
            Replicas.gateway().router(router).upstream(a.baseUri()).upstream(b.baseUri()).build());
    ApiClient api = new ApiClient(gateway.baseUri());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ApiClient.json(api.get("/ready")).path("replicas").asInt() == 2);
    return api;
  }

  private static String chatWithSystemPrompt(int user) {
    return "{\"model\":\"test-model\",\"max_tokens\":2,\"messages\":["
        + "{\"role\":\"system\",\"content\":\""
        + SYSTEM
        + "\"},{\"role\":\"user\",\"content\":\"Question number "
        + user
        + "?\"}]}";
  }

  @Test
  void prefixAwareRoutingSendsASharedPrefixWhereItIsCached() throws Exception {
    ApiClient api = startGateway("prefix-aware");

    for (int i = 0; i < 8; i++) {
      assertThat(api.post("/v1/chat/completions", chatWithSystemPrompt(i)).statusCode())
          .isEqualTo(200);
    }

    long servedByA = a.engineCounters().finishedLength();
    long servedByB = b.engineCounters().finishedLength();
    assertThat(Math.max(servedByA, servedByB)).as("one replica took them all").isEqualTo(8);
    long hits = a.engineCounters().prefixCacheHits() + b.engineCounters().prefixCacheHits();
    long queried =
        a.engineCounters().prefixCacheQueries() + b.engineCounters().prefixCacheQueries();
    assertThat((double) hits / queried).as("prefix cache hit rate").isGreaterThan(0.8);
  }

  @Test
  void leastLoadRoutingAvoidsTheReplicaThatIsBusy() throws Exception {
    ApiClient api = startGateway("least-load");
    CompletableFuture<ApiClient.StreamedResponse> longStream =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.stream("/v1/chat/completions", ApiClient.chat(1500, true));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            clients);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.inFlightRequests() + b.inFlightRequests() == 1);
    EmulatorServer busy = a.inFlightRequests() == 1 ? a : b;
    EmulatorServer idle = busy == a ? b : a;
    // Until a scrape has seen the long stream running, the gateway's sample of the busy replica
    // can predate it and read as empty, while the idle one's still shows its last short request:
    // a clean-clone CI run saw two of the six go to the busy replica that way.
    await().atMost(Duration.ofSeconds(5)).until(() -> busy.engineSnapshot().running() == 1);
    Thread.sleep(250); // a scrape (every 100 ms) sees it

    for (int i = 0; i < 6; i++) {
      assertThat(api.post("/v1/completions", ApiClient.completion("hi", 2, false)).statusCode())
          .isEqualTo(200);
    }

    assertThat(idle.engineCounters().finishedLength()).isEqualTo(6);
    assertThat(busy.engineCounters().finishedLength()).isZero();
    assertThat(longStream).isNotDone();
  }
}
