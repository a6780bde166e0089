package dev.llmscale.autoscaler.source;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for local runs ({@code llmscale demo}) and tests: the {@code prometheus}
 * binary (Debian's package installs {@code /usr/bin/prometheus}) started on 127.0.0.1 at a free
 * port, scraping the given {@code /metrics} URLs, with its configuration, storage and log in a
 * temporary directory. {@link #close()} stops it (SIGTERM, then a kill after a grace period) and
 * deletes the directory.
 */
public final class PrometheusProcess implements AutoCloseable {
  /** Where Debian's {@code prometheus} package installs the server. */
  public static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final URI baseUri;
  private final Path directory;
  private boolean closed;

  private PrometheusProcess(Process process, URI baseUri, Path directory) {
    this.process = process;
    this.baseUri = baseUri;
    this.directory = directory;
  }

  /** The {@code prometheus} binary on the PATH, else Debian's, if either exists. */
  public static Optional<Path> findBinary() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "prometheus");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Files.isExecutable(DEBIAN_BINARY) ? Optional.of(DEBIAN_BINARY) : Optional.empty();
  }

  /**
   * Starts the server and waits until {@code /-/ready} answers 200.
   *
   * @param targets {@code /metrics} URLs; those sharing a scheme and path form one job
   * @throws IOException if the server cannot be started or does not become ready in 30 s; the
   *     message carries the end of its log
   */
  public static PrometheusProcess start(Path binary, List<URI> targets, Duration scrapeInterval)
      throws IOException {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("Prometheus needs at least one target to scrape");
    }
    if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
      throw new IllegalArgumentException("the scrape interval must be > 0: " + scrapeInterval);
    }
    Path directory = Files.createTempDirectory("llmscale-prometheus");
    try {
      Path config = directory.resolve("prometheus.yml");
      Files.writeString(config, configuration(targets, scrapeInterval));
      IOException lastFailure = null;
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        try {
          return startOnFreePort(binary, config, directory);
        } catch (PortTakenException e) {
          lastFailure = e; // another process took the port between probe and bind
        }
      }
      throw lastFailure;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  public URI baseUri() {
    return baseUri;
  }

  /** The server's output so far, for diagnostics. */
  public String log() {
    try {
      Path log = directory.resolve("prometheus.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop(process);
    } finally {
      deleteRecursively(directory);
    }
  }

  static String configuration(List<URI> targets, Duration scrapeInterval) {
    Map<String, List<String>> addressesByJob = new LinkedHashMap<>();
    Map<String, URI> exampleOfJob = new LinkedHashMap<>();
    for (URI target : targets) {
      if (target.getHost() == null || target.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "a scrape target must be an http(s) URL with a host and no query: " + target);
      }
      String key =
          target.getScheme()
              + " "
              + (target.getRawPath().isEmpty() ? "/metrics" : target.getRawPath());
      int port =
          target.getPort() >= 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
      addressesByJob
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(target.getHost() + ":" + port);
      exampleOfJob.putIfAbsent(key, target);
    }
    long intervalMillis = scrapeInterval.toMillis();
    StringBuilder yaml =
        new StringBuilder()
            .append("global:\n")
            .append("  scrape_interval: ")
            .append(intervalMillis)
            .append("ms\n")
            .append("  scrape_timeout: ")
            .append(Math.min(intervalMillis, 10_000))
            .append("ms\n")
            .append("scrape_configs:\n");
    int job = 0;
    for (Map.Entry<String, List<String>> entry : addressesByJob.entrySet()) {
      URI example = exampleOfJob.get(entry.getKey());
      String path = example.getRawPath().isEmpty() ? "/metrics" : example.getRawPath();
      yaml.append("  - job_name: ")
          .append(quote(job++ == 0 ? "llmscale" : "llmscale-" + job))
          .append('\n')
          .append("    scheme: ")
          .append(example.getScheme())
          .append('\n')
          .append("    metrics_path: ")
          .append(quote(path))
          .append('\n')
          .append("    static_configs:\n")
          .append("      - targets: [")
          .append(
              String.join(", ", entry.getValue().stream().map(PrometheusProcess::quote).toList()))
          .append("]\n");
    }
    return yaml.toString();
  }

  private static PrometheusProcess startOnFreePort(Path binary, Path config, Path directory)
      throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path log = directory.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), directory);
    try {
      prometheus.awaitReady();
      return prometheus;
    } catch (IOException | RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(baseUri.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (http) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          String log = log();
          if (log.contains("address already in use")) {
            throw new PortTakenException(log);
          }
          throw new IOException(
              "prometheus exited with status " + process.exitValue() + ": " + tail(log));
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for prometheus to start");
    }
    throw new IOException(
        "prometheus did not become ready within " + READY_TIMEOUT + ": " + tail(log()));
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** YAML single-quoted scalar. */
  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** The server lost the race for its port; starting again on another one may work. */
  private static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super("prometheus could not bind its port: " + tail(log));
    }
  }
}
