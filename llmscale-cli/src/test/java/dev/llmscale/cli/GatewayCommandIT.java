package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmscale gateway} as users run it: a process in front of an emulator process. */
class GatewayCommandIT {
  private static final Pattern EMULATOR = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/v1");
  private static final Pattern GATEWAY =
      Pattern.compile("gateway: listening on http://127\\.0\\.0\\.1:(\\d+)/v1");
  private static final String MODEL = "Qwen/Qwen3-0.6B";

  private final HttpClient http = HttpClient.newHttpClient();
  private CliProcess emulator;
  private CliProcess gateway;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    emulator = CliProcess.start("emulator", "--port", "0");
    int replicaPort =
        Integer.parseInt(emulator.awaitLine(EMULATOR, Duration.ofSeconds(30)).group(1));
    gateway =
        CliProcess.start(
            "gateway",
            "--port",
            "0",
            "--upstream",
            "http://127.0.0.1:" + replicaPort,
            "--metrics-prefix",
            "dynamo_frontend_",
            "--health-interval",
            "200ms");
    int port = Integer.parseInt(gateway.awaitLine(GATEWAY, Duration.ofSeconds(30)).group(1));
    base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (get("/ready").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  @AfterEach
  void stop() {
    gateway.close();
    emulator.close();
  }

  @Test
  void streamsThroughTheGatewayAndStopsCleanlyOnSigterm() throws Exception {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":8,"
            + "\"stream\":true}";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"delta\":{\"content\"").endsWith("data: [DONE]\n\n");
    assertThat(get("/metrics").body())
        .contains("dynamo_frontend_time_to_first_token_seconds_count{model=\"" + MODEL + "\"} 1");

    gateway.terminate();
    assertThat(gateway.awaitExit(Duration.ofSeconds(20))).isTrue();
    assertThat(gateway.output()).doesNotContain("Exception");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
