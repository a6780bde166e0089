package dev.llmscale.cli.demo;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.source.PrometheusMetricSource;
import dev.llmscale.autoscaler.source.PrometheusProcess;
import dev.llmscale.autoscaler.source.PrometheusSourceOptions;
import dev.llmscale.autoscaler.source.ScrapeMetricSource;
import dev.llmscale.autoscaler.source.ScrapeSourceOptions;
import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's metric source: a real Prometheus server scraping the gateway when the {@code
 * prometheus} binary is installed (the setup users run), else the autoscaler's direct scrape. Each
 * policy's run gets a fresh one for its own gateway.
 */
final class DemoSources implements DemoMetricSources {
  private final Optional<Path> prometheus;

  private DemoSources(Optional<Path> prometheus) {
    this.prometheus = prometheus;
  }

  static DemoSources choose(String mode, PrintStream out) {
    Optional<Path> binary = PrometheusProcess.findBinary();
    switch (mode) {
      case "scrape" -> {
        out.println("metrics: the autoscaler scrapes the gateway's /metrics directly");
        return new DemoSources(Optional.empty());
      }
      case "prometheus" -> {
        if (binary.isEmpty()) {
          throw new IllegalArgumentException(
              "--metrics-source prometheus: no 'prometheus' binary on the PATH"
                  + " (Debian: apt-get install prometheus)");
        }
      }
      default -> {}
    }
    out.println(
        binary
            .map(b -> "metrics: a Prometheus server (" + b + ") scrapes the gateway every 1 s")
            .orElse(
                "metrics: no 'prometheus' on the PATH; the autoscaler scrapes the gateway"
                    + " directly"));
    return new DemoSources(binary);
  }

  @Override
  public MetricSource open(URI gatewayMetrics) throws IOException, InterruptedException {
    if (prometheus.isEmpty()) {
      return ScrapeMetricSource.start(
          new ScrapeSourceOptions(
              List.of(gatewayMetrics),
              DemoSettings.SCRAPE_INTERVAL,
              Duration.ofSeconds(1),
              Duration.ofMinutes(5)));
    }
    PrometheusProcess server =
        PrometheusProcess.start(
            prometheus.get(), List.of(gatewayMetrics), DemoSettings.SCRAPE_INTERVAL);
    return new ServerBackedSource(
        new PrometheusMetricSource(PrometheusSourceOptions.of(server.baseUri())), server);
  }

  /** Queries its own Prometheus server, and stops it when closed. */
  private record ServerBackedSource(PrometheusMetricSource source, PrometheusProcess server)
      implements MetricSource {
    @Override
    public String name() {
      return source.name();
    }

    @Override
    public MetricReading read(MetricQuery query) {
      return source.read(query);
    }

    @Override
    public void close() {
      source.close();
      server.close();
    }
  }
}
