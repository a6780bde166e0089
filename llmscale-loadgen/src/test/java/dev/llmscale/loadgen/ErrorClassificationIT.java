package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.loadgen.MisbehavingServer.Behavior;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every way a server can fail ends up in the right error kind, and none is mistaken for data. */
@ExtendWith(NettyLeakCheck.class)
class ErrorClassificationIT {
  @TempDir Path dir;

  @Test
  void aHealthyStreamSucceedsAndReusesItsConnection() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.STREAM)) {
      RunSummary s = run(server.port(), 3);

      assertThat(s.succeeded()).isEqualTo(3);
      assertThat(s.errors()).isEmpty();
      assertThat(s.totalOutputTokens()).isEqualTo(9);
      assertThat(s.totalServerPromptTokens()).isEqualTo(27);
      assertThat(s.connectionsOpened()).isEqualTo(1);
      assertThat(s.interChunk().count()).isEqualTo(6);
      assertThat(server.lastRequestHead())
          .startsWith("POST /v1/chat/completions HTTP/1.1")
          .containsIgnoringCase("authorization: Bearer secret")
          .containsIgnoringCase("accept: text/event-stream");
    }
  }

  @Test
  void withoutUsageTheClientCountsTheTokensOfTheText() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.STREAM_WITHOUT_USAGE)) {
      RunSummary s = run(server.port(), 1);

      assertThat(s.succeeded()).isEqualTo(1);
      assertThat(s.totalOutputTokens()).isEqualTo(3); // " one two three"
      assertThat(s.totalServerPromptTokens()).isEqualTo(-1);
    }
  }

  @Test
  void aLongTtftWithinTheTimeoutIsAResult() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.SLOW_FIRST_TOKEN)) {
      RunSummary s = run(server.port(), 1);

      assertThat(s.errors()).isEmpty();
      assertThat(s.ttft().min()).isGreaterThanOrEqualTo(400);
    }
  }

  @Test
  void httpErrorsAreCountedByStatusWithTheServersMessage() throws Exception {
    try (MisbehavingServer unavailable = new MisbehavingServer(Behavior.UNAVAILABLE);
        MisbehavingServer broken = new MisbehavingServer(Behavior.INTERNAL_ERROR)) {
      assertThat(run(unavailable.port(), 2).errors()).containsExactly(Map.entry("http_503", 2L));
      assertThat(record(0).get("error_message").asText()).isEqualTo("overloaded, retry");
      assertThat(record(0).get("status").asInt()).isEqualTo(503);

      assertThat(run(broken.port(), 1).errors()).containsExactly(Map.entry("http_500", 1L));
      assertThat(record(0).get("error_message").asText()).isEqualTo("it broke");
    }
  }

  @Test
  void aServerClosingOrResettingMidStreamIsAConnectionError() throws Exception {
    try (MisbehavingServer closing = new MisbehavingServer(Behavior.CLOSE_MID_STREAM);
        MisbehavingServer resetting = new MisbehavingServer(Behavior.RESET_MID_STREAM)) {
      assertThat(run(closing.port(), 2).errors())
          .containsExactly(Map.entry("connection_closed", 2L));
      assertThat(record(0).get("error_message").asText()).contains("after 2 responses");

      assertThat(run(resetting.port(), 2).errors())
          .containsExactly(Map.entry("connection_reset", 2L));
      assertThat(record(0).get("error_message").asText()).containsIgnoringCase("reset");
    }
  }

  @Test
  void timeoutsEndTheRequestAndCloseTheConnection() throws Exception {
    try (MisbehavingServer stalling = new MisbehavingServer(Behavior.STALL);
        MisbehavingServer headersOnly = new MisbehavingServer(Behavior.STALL_AFTER_HEADERS)) {
      long start = System.nanoTime();
      assertThat(run(stalling.port(), 1).errors()).containsExactly(Map.entry("timeout", 1L));
      assertThat(record(0).get("error_message").asText()).startsWith("no first token within");
      assertThat(run(headersOnly.port(), 1).errors()).containsExactly(Map.entry("timeout", 1L));
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void anErrorEventInTheStreamFailsTheRequest() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.ERROR_EVENT)) {
      assertThat(run(server.port(), 1).errors()).containsExactly(Map.entry("stream_error", 1L));
      assertThat(record(0).get("error_message").asText()).isEqualTo("boom");
    }
  }

  @Test
  void garbageIsAProtocolErrorAndNoServerIsAConnectFailure() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.GARBAGE)) {
      assertThat(run(server.port(), 1).errors()).containsOnlyKeys("protocol");
    }
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RunSummary refused = run(closedPort, 2);
    assertThat(refused.errors()).containsExactly(Map.entry("connect_failed", 2L));
    assertThat(refused.succeeded()).isZero();
  }

  /** Sends {@code count} chat requests one at a time (first-token timeout 500 ms, total 1 s). */
  private RunSummary run(int port, int count) throws Exception {
    Endpoint endpoint =
        new Endpoint(
            URI.create("http://127.0.0.1:" + port),
            ApiKind.CHAT,
            true,
            Optional.of("secret"),
            "m",
            false,
            Map.of(),
            new Endpoint.ClientTimeouts(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.of(Duration.ofMillis(500))));
    LoadPlan plan =
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(8),
                TokenDistribution.fixed(3),
                null,
                new SplittableRandom(1)),
            Optional.empty(),
            1,
            RunLimit.count(count),
            Duration.ZERO);
    return new LoadRun(
            new LoadOptions(
                endpoint,
                plan,
                SloTargets.NONE,
                Optional.of(dir),
                1,
                "cl100k_base",
                1,
                Map.of(),
                false),
            ProgressLine.off())
        .run();
  }

  private JsonNode record(int index) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("records.jsonl"));
    return new ObjectMapper().readTree(lines.get(index));
  }
}
