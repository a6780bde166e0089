package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica that fails before sending its response head costs the client nothing: the request goes
 * to another replica. Repeated failures eject the replica (circuit breaker) until a probe succeeds.
 */
@ExtendWith(NettyLeakCheck.class)
class RetryIT {
  private ScriptedUpstream flaky;
  private EmulatorServer good;
  private GatewayServer gateway;
  private ApiClient api;

  @BeforeEach
  void startReplicas() throws Exception {
    flaky = new ScriptedUpstream(ScriptedUpstream.Behaviour.CLOSE_BEFORE_HEAD);
    good = Replicas.start(0.002);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    good.close();
    flaky.close();
  }

  private void startGateway(GatewayOptions.Builder options) throws Exception {
    // Round-robin over [flaky, good]: the first request goes to the flaky one.
    gateway =
        GatewayServer.start(
            options
                .router("round-robin")
                .upstream(flaky.baseUri())
                .upstream(good.baseUri())
                .build());
    api = new ApiClient(gateway.baseUri());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/ready").statusCode() == 200
                    && ApiClient.json(api.get("/ready")).get("replicas").asInt() == 2);
  }

  @Test
  void aConnectionClosedBeforeTheHeadIsRetriedOnAnotherReplica() throws Exception {
    startGateway(Replicas.gateway());

    for (int i = 0; i < 4; i++) {
      ApiClient.StreamedResponse response =
          api.stream("/v1/chat/completions", ApiClient.chat(3, true));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.tokens()).isEqualTo(3);
    }

    assertThat(flaky.generationRequests()).isGreaterThanOrEqualTo(1);
    assertThat(good.engineCounters().finishedLength()).isEqualTo(4);
    assertThat(api.metric("llmscale_gateway_retries_total", "reason=\"upstream_failed\""))
        .isEqualTo(flaky.generationRequests());
  }

  @Test
  void a503IsRetriedOnAnotherReplica() throws Exception {
    flaky.behave(ScriptedUpstream.Behaviour.UNAVAILABLE);
    startGateway(Replicas.gateway());

    HttpResponse<String> response =
        api.post("/v1/completions", ApiClient.completion("hi", 2, false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(flaky.generationRequests()).isEqualTo(1);
    assertThat(api.metric("llmscale_gateway_retries_total", "reason=\"status_503\"")).isEqualTo(1);
  }

  @Test
  void aSilentReplicaIsLeftAfterTheFirstByteTimeout() throws Exception {
    flaky.behave(ScriptedUpstream.Behaviour.SILENT);
    startGateway(Replicas.gateway().firstByteTimeout(Duration.ofMillis(300)));

    long start = System.nanoTime();
    ApiClient.StreamedResponse response =
        api.stream("/v1/chat/completions", ApiClient.chat(2, true));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.tokens()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    // The abandoned request's connection was closed, which is how the engine learns to cancel.
    await().atMost(Duration.ofSeconds(2)).until(() -> flaky.cancelled() == 1);
  }

  @Test
  void whenEveryReplicaFailsTheClientGetsA502NamingThem() throws Exception {
    good.close();
    startGatewayWithoutWaiting(Replicas.gateway().unhealthyThreshold(100));

    HttpResponse<String> response =
        api.post("/v1/completions", ApiClient.completion("hi", 2, false));

    assertThat(response.statusCode()).isEqualTo(502);
    String message = ApiClient.json(response).at("/error/message").asText();
    assertThat(message)
        .contains(flaky.baseUri().toString())
        .contains("connection closed before a response");
    assertThat(ApiClient.json(response).at("/error/code").asText()).isEqualTo("upstream_error");
  }

  @Test
  void repeatedFailuresEjectTheReplicaUntilAProbeSucceeds() throws Exception {
    startGateway(Replicas.gateway().failureThreshold(2).ejectionTime(Duration.ofMillis(700)));

    for (int i = 0; i < 8; i++) {
      assertThat(api.post("/v1/completions", ApiClient.completion("hi", 1, false)).statusCode())
          .isEqualTo(200);
    }

    assertThat(flaky.generationRequests()).as("ejected after two failures").isEqualTo(2);
    assertThat(gateway.upstreams().getFirst().ejected()).isTrue();
    assertThat(api.metric("llmscale_gateway_upstream_ejections_total")).isEqualTo(1);

    flaky.behave(ScriptedUpstream.Behaviour.STREAM);
    Thread.sleep(800);
    for (int i = 0; i < 4; i++) {
      assertThat(api.stream("/v1/chat/completions", ApiClient.chat(1, true)).status())
          .isEqualTo(200);
    }
    assertThat(flaky.generationRequests()).as("probed, then back in rotation").isGreaterThan(3);
    assertThat(gateway.upstreams().getFirst().ejected()).isFalse();
  }

  private void startGatewayWithoutWaiting(GatewayOptions.Builder options) throws Exception {
    gateway =
        GatewayServer.start(
            options
                .router("round-robin")
                .upstream(flaky.baseUri())
                .upstream(good.baseUri())
                .build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }
}
