package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.ExternalTools;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmscale emulator} as users run it: a separate process on loopback. */
class EmulatorCommandIT {
  private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/v1");
  private static final String MODEL = "Qwen/Qwen3-0.6B";

  private final HttpClient http = HttpClient.newHttpClient();
  private CliProcess emulator;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    emulator =
        CliProcess.start("emulator", "--model", "qwen3-0.6b", "--gpu", "h100", "--port", "0");
    int port = Integer.parseInt(emulator.awaitLine(SERVING, Duration.ofSeconds(30)).group(1));
    base = URI.create("http://127.0.0.1:" + port);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void theOfficialOpenAiSdkStreamsAChatCompletion() throws Exception {
    Path sdk = ExternalTools.openAiSdk();
    Process node =
        new ProcessBuilder("node", "stream-chat.mjs", base + "/v1", MODEL, "16")
            .directory(sdk.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("\"completion_tokens\":16")
        .contains("\"finishReason\":\"length\"")
        .contains("\"models\":[\"" + MODEL + "\"]");
    // role chunk + 16 content chunks + usage chunk
    assertThat(output).contains("\"chunks\":18");
  }

  /**
   * promtool lints colons in metric names (they are meant for recording rules), so vLLM's own
   * {@code vllm:*} names draw that one finding from real vLLM too. Everything else must be clean:
   * the colon lint is the only finding, and the same exposition with {@code vllm_} names passes.
   */
  @Test
  void metricsPassPromtoolCheck() throws Exception {
    String promtool = ExternalTools.require("promtool");
    send(chat(8, false));
    String metrics = get("/metrics");

    PromtoolVerdict asServed = PromtoolVerdict.check(promtool, metrics);
    PromtoolVerdict withoutColons =
        PromtoolVerdict.check(promtool, metrics.replace("vllm:", "vllm_"));

    assertThat(asServed.findings())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).endsWith("metric names should not contain ':'"));
    assertThat(withoutColons.exitCode()).as(withoutColons.output()).isZero();
    assertThat(metrics)
        .contains("vllm:num_requests_running{")
        .contains("vllm:generation_tokens_total{")
        .contains("vllm:time_to_first_token_seconds_bucket{");
  }

  @Test
  void sigtermDrainsInFlightStreamsThenExits() throws Exception {
    HttpRequest longStream = chat(1500, true);
    CompletableFuture<List<String>> events = new CompletableFuture<>();
    CompletableFuture<String> firstToken = new CompletableFuture<>();
    http.sendAsync(longStream, HttpResponse.BodyHandlers.ofInputStream())
        .thenAccept(response -> readEvents(response.body(), firstToken, events));
    firstToken.get(20, TimeUnit.SECONDS);

    emulator.terminate();

    assertThat(awaitRefusedOrUnavailable()).isTrue();
    List<String> received = events.get(60, TimeUnit.SECONDS);
    assertThat(received).last().isEqualTo("[DONE]");
    assertThat(received.stream().filter(e -> e.contains("\"delta\":{\"content\"")).count())
        .isEqualTo(1500);
    assertThat(emulator.awaitExit(Duration.ofSeconds(30))).isTrue();
    assertThat(emulator.output()).doesNotContain("Exception");
  }

  /** While draining, a new request is refused (503) or finds the port closed. */
  private boolean awaitRefusedOrUnavailable() throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        HttpResponse<String> response = send(chat(1, false));
        if (response.statusCode() == 503) {
          return true;
        }
      } catch (java.io.IOException closed) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static void readEvents(
      InputStream body, CompletableFuture<String> firstToken, CompletableFuture<List<String>> all) {
    List<String> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
          if (line.contains("\"delta\":{\"content\"")) {
            firstToken.complete(line);
          }
        }
      }
      all.complete(events);
    } catch (Exception e) {
      firstToken.completeExceptionally(e);
      all.completeExceptionally(new AssertionError("stream broke after " + events.size(), e));
    }
  }

  private HttpRequest chat(int maxTokens, boolean stream) {
    String body =
        String.format(
            "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Scale me.\"}],"
                + "\"max_tokens\":%d,\"stream\":%b}",
            MODEL, maxTokens, stream);
    return HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request)
      throws java.io.IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).build()).body();
  }
}
