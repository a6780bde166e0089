package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmscale.openai.testing.NettyLeakCheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Once tokens have gone out a request cannot move to another replica; a replica that breaks or goes
 * silent mid-stream ends the client's stream with an SSE error event and {@code [DONE]}, which
 * OpenAI clients raise as an error instead of hanging or mistaking it for a complete answer.
 */
@ExtendWith(NettyLeakCheck.class)
class MidStreamFailureIT {
  private ScriptedUpstream replica;
  private GatewayServer gateway;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    replica = new ScriptedUpstream(ScriptedUpstream.Behaviour.BREAK_MID_STREAM);
    gateway =
        GatewayServer.start(
            Replicas.gateway()
                .idleTimeout(Duration.ofMillis(400))
                .upstream(replica.baseUri())
                .build());
    api = new ApiClient(gateway.baseUri());
    await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    gateway.close();
    replica.close();
  }

  @Test
  void aBrokenUpstreamEndsTheStreamWithAnErrorEvent() throws Exception {
    ApiClient.StreamedResponse response =
        api.stream("/v1/chat/completions", ApiClient.chat(10, true));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.tokens()).isEqualTo(3);
    List<ApiClient.Event> events = response.events();
    ApiClient.Event error = events.get(events.size() - 2);
    assertThat(error.json().at("/error/message").asText())
        .contains("failed mid-stream")
        .contains("closed the connection");
    assertThat(error.json().at("/error/type").asText()).isEqualTo("server_error");
    assertThat(events.getLast().done()).isTrue();
    assertThat(
            api.metric(
                "llmscale_frontend_requests_total",
                "status=\"error\"",
                "error_type=\"internal\"",
                "request_type=\"stream\""))
        .isEqualTo(1);
  }

  @Test
  void aSilentUpstreamEndsTheStreamAfterTheIdleTimeout() throws Exception {
    replica.behave(ScriptedUpstream.Behaviour.STALL_MID_STREAM);

    long start = System.nanoTime();
    ApiClient.StreamedResponse response =
        api.stream("/v1/chat/completions", ApiClient.chat(10, true));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(400));
    assertThat(response.tokens()).isEqualTo(3);
    List<ApiClient.Event> events = response.events();
    assertThat(events.get(events.size() - 2).json().at("/error/message").asText())
        .contains("no data for 400 ms");
    assertThat(events.getLast().done()).isTrue();
    assertThat(api.metric("llmscale_frontend_requests_total", "error_type=\"response_timeout\""))
        .isEqualTo(1);
    await().atMost(Duration.ofSeconds(2)).until(() -> replica.cancelled() == 1);
  }
}
