package dev.llmscale.autoscaler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusProcessTest {

  @Test
  void writesOneJobPerSchemeAndPathWithTheIntervalAndACappedTimeout() {
    String config =
        PrometheusProcess.configuration(
            List.of(
                URI.create("http://127.0.0.1:8000/metrics"),
                URI.create("http://127.0.0.1:8001/metrics"),
                URI.create("http://127.0.0.1:9000/engine/metrics"),
                URI.create("https://gateway.example/metrics")),
            Duration.ofSeconds(15));

    assertThat(config)
        .isEqualTo(
            """
            global:
              scrape_interval: 15000ms
              scrape_timeout: 10000ms
            scrape_configs:
              - job_name: 'llmscale'
                scheme: http
                metrics_path: '/metrics'
                static_configs:
                  - targets: ['127.0.0.1:8000', '127.0.0.1:8001']
              - job_name: 'llmscale-2'
                scheme: http
                metrics_path: '/engine/metrics'
                static_configs:
                  - targets: ['127.0.0.1:9000']
              - job_name: 'llmscale-3'
                scheme: https
                metrics_path: '/metrics'
                static_configs:
                  - targets: ['gateway.example:443']
            """);
  }

  @Test
  void aShortIntervalIsAlsoTheTimeout() {
    assertThat(
            PrometheusProcess.configuration(
                List.of(URI.create("http://127.0.0.1:8000/metrics")), Duration.ofSeconds(1)))
        .contains("scrape_interval: 1000ms\n  scrape_timeout: 1000ms\n");
  }

  @Test
  void refusesTargetsItCannotScrape() {
    assertThatThrownBy(
            () ->
                PrometheusProcess.start(
                    Path.of("/usr/bin/prometheus"), List.of(), Duration.ofSeconds(1)))
        .hasMessageContaining("at least one target");
    assertThatThrownBy(
            () ->
                PrometheusProcess.configuration(
                    List.of(URI.create("http://127.0.0.1:8000/metrics?x=1")),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("no query");
  }
}
