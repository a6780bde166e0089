package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server on loopback scraping one target every second, with its config and
 * storage in a temporary directory; stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final URI base;
  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, URI base, Path dir) {
    this.process = process;
    this.base = base;
    this.dir = dir;
  }

  /**
   * @param extraFlags e.g. {@code --enable-feature=native-histograms}
   */
  static PrometheusServer scraping(String binary, URI target, List<String> extraFlags)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("llmscale-prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: gateway
            static_configs:
              - targets: ['%s:%d']
        """
            .formatted(target.getHost(), target.getPort()));
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
    command.addAll(extraFlags);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server =
        new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), dir);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + log());
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus did not become ready: " + log());
  }

  /** The value of an instant query's first sample, or NaN when it has none. */
  double query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    base.resolve(
                        "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode result = ApiClient.JSON.readTree(response.body()).at("/data/result");
    if (response.statusCode() != 200 || !result.isArray() || result.isEmpty()) {
      return Double.NaN;
    }
    return Double.parseDouble(result.get(0).get("value").get(1).asText());
  }

  String log() throws IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM to this PID
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
