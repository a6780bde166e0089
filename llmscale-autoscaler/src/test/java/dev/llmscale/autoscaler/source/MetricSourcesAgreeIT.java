package dev.llmscale.autoscaler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.PlannerQueries;
import dev.llmscale.openai.ExternalTools;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scrape source against a real Prometheus: both scrape the same loopback {@code /metrics} page
 * every second while its counters and histograms advance, and after about 12 s the same queries
 * (rates, a histogram quantile, a ratio, sums of gauges) must read the same through both, within 2
 * %. Then the page fails, and both must turn the gauges' query empty (stale series).
 */
class MetricSourcesAgreeIT {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final double TOLERANCE = 0.02;

  private static final List<String> QUERIES =
      Stream.of(
              Stream.of(
                  "sum(rate(llmscale_frontend_requests_total[10s]))",
                  "sum(increase(llmscale_frontend_requests_total{status=\"error\"}[10s]))",
                  "histogram_quantile(0.99, sum by (le) (rate(llmscale_frontend_time_to_first_token_seconds_bucket{model=\"m\"}[10s])))",
                  "histogram_quantile(0.5, sum by (le) (rate(dynamo_frontend_time_to_first_token_seconds_bucket[10s])))",
                  "sum(rate(dynamo_frontend_input_sequence_tokens_sum[10s])) / sum(rate(dynamo_frontend_input_sequence_tokens_count[10s]))",
                  "sum(llmscale_frontend_queued_requests) + sum(vllm:num_requests_waiting)",
                  "avg(irate(vllm:generation_tokens_total[10s]))",
                  "clamp_max(max_over_time(vllm:kv_cache_usage_perc{model_name=\"m\"}[10s]) * 100, 50)",
                  "sum by (model) (rate(llmscale_frontend_requests_total{model=~\"m|x\", status!=\"error\"}[10s])) / ignoring (model) group_left sum(rate(llmscale_frontend_requests_total[10s]))"),
              // the error budget's queries: their le regex must match the bound as the page
              // writes it (0.5, and 1.0 for a whole target); a period within the history both
              // sources hold (Prometheus starts scraping later)
              PlannerQueries.errorBudget("llmscale_frontend_", 0.5, "10s", "10s").values().stream(),
              PlannerQueries.errorBudget("llmscale_frontend_", 1.0, "10s", "10s").values().stream())
          .flatMap(queries -> queries)
          .toList();

  @Test
  @Timeout(40)
  void prometheusAndTheScrapeSourceReadTheSameValues() throws Exception {
    var binary = Path.of(ExternalTools.require("prometheus"));
    long startNanos = System.nanoTime();
    try (ScriptedHttpServer target = new ScriptedHttpServer()) {
      target.serveMetrics(() -> page((System.nanoTime() - startNanos) / 1e9));
      URI metrics = target.uri("/metrics");
      try (PrometheusProcess prometheus =
              PrometheusProcess.start(binary, List.of(metrics), SECOND);
          ScrapeMetricSource scrape =
              ScrapeMetricSource.start(
                  new ScrapeSourceOptions(
                      List.of(metrics), SECOND, SECOND, Duration.ofMinutes(5)));
          PrometheusMetricSource viaPrometheus =
              new PrometheusMetricSource(
                  PrometheusSourceOptions.of(prometheus.baseUri())
                      .withTimeout(Duration.ofSeconds(5)))) {

        MetricQuery samples = new MetricQuery("samples", "sum(count_over_time(up[15s]))", false);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    viaPrometheus.read(samples).asOptional().orElse(0) >= 12
                        && scrape.read(samples).asOptional().orElse(0) >= 12);

        for (String query : QUERIES) {
          MetricQuery metric = new MetricQuery("q", query, false);
          MetricReading fromPrometheus = viaPrometheus.read(metric);
          MetricReading fromScrape = scrape.read(metric);
          assertThat(fromPrometheus.isFailure()).as("%s: %s", query, fromPrometheus).isFalse();
          assertThat(fromScrape.isFailure()).as("%s: %s", query, fromScrape).isFalse();
          assertThat(fromScrape.value())
              .as("%s: scrape %s, Prometheus %s", query, fromScrape, fromPrometheus)
              .isCloseTo(
                  fromPrometheus.value(), within(TOLERANCE * Math.abs(fromPrometheus.value())));
        }

        target.answer(503, "down");
        MetricQuery gauges =
            new MetricQuery("queue", "sum(llmscale_frontend_queued_requests)", false);
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(
                () -> {
                  assertThat(viaPrometheus.read(gauges).failure()).contains("returned no series");
                  assertThat(scrape.read(gauges).failure()).contains("returned no series");
                });
        MetricQuery lenient = new MetricQuery("queue", gauges.expression(), true);
        assertThat(viaPrometheus.read(lenient)).isEqualTo(MetricReading.of(0));
        assertThat(scrape.read(lenient)).isEqualTo(MetricReading.of(0));
      }
    }
  }

  /**
   * The page {@code seconds} after start: counters that grow linearly from a non-zero base (so
   * extrapolation never meets the zero point), histograms with fixed shares per bucket (so their
   * quantiles are constant), constant gauges.
   */
  private static String page(double seconds) {
    StringBuilder page = new StringBuilder();
    page.append("# TYPE llmscale_frontend_requests_total counter\n");
    counter(
        page,
        "llmscale_frontend_requests_total{model=\"m\",request_type=\"stream\",status=\"success\",error_type=\"none\"}",
        30,
        seconds);
    counter(
        page,
        "llmscale_frontend_requests_total{model=\"n\",request_type=\"stream\",status=\"success\",error_type=\"none\"}",
        15,
        seconds);
    counter(
        page,
        "llmscale_frontend_requests_total{model=\"m\",request_type=\"stream\",status=\"error\",error_type=\"overload\"}",
        5,
        seconds);
    histogram(page, "llmscale_frontend_time_to_first_token_seconds", "model=\"m\",", 1000, seconds);
    histogram(page, "llmscale_frontend_time_to_first_token_seconds", "model=\"n\",", 400, seconds);
    histogram(page, "dynamo_frontend_time_to_first_token_seconds", "model=\"m\",", 800, seconds);
    page.append("# TYPE dynamo_frontend_input_sequence_tokens histogram\n");
    counter(page, "dynamo_frontend_input_sequence_tokens_sum{model=\"m\"}", 20 * 512, seconds);
    counter(page, "dynamo_frontend_input_sequence_tokens_count{model=\"m\"}", 20, seconds);
    page.append("# TYPE llmscale_frontend_queued_requests gauge\n")
        .append("llmscale_frontend_queued_requests{model=\"m\"} 3\n")
        .append("llmscale_frontend_queued_requests{model=\"n\"} 2\n")
        .append("# TYPE vllm:num_requests_waiting gauge\n")
        .append("vllm:num_requests_waiting{model_name=\"m\",engine=\"0\"} 4\n")
        .append("# TYPE vllm:kv_cache_usage_perc gauge\n")
        .append("vllm:kv_cache_usage_perc{model_name=\"m\",engine=\"0\"} 0.37\n")
        .append("# TYPE vllm:generation_tokens_total counter\n");
    counter(page, "vllm:generation_tokens_total{model_name=\"m\",engine=\"0\"}", 2000, seconds);
    counter(page, "vllm:generation_tokens_total{model_name=\"m\",engine=\"1\"}", 1500, seconds);
    return page.toString();
  }

  private static void counter(StringBuilder page, String series, double perSecond, double seconds) {
    page.append(series).append(' ').append((long) (10_000 + perSecond * seconds)).append('\n');
  }

  private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2.5};
  private static final double[] SHARE_AT_OR_BELOW = {0.30, 0.70, 0.90, 0.97, 1.0};

  private static void histogram(
      StringBuilder page, String name, String labels, double perSecond, double seconds) {
    page.append("# TYPE ").append(name).append(" histogram\n");
    for (int i = 0; i < BOUNDS.length; i++) {
      counter(
          page,
          name
              + "_bucket{"
              + labels
              + "le=\""
              + String.format(Locale.ROOT, "%s", BOUNDS[i])
              + "\"}",
          perSecond * SHARE_AT_OR_BELOW[i],
          seconds);
    }
    counter(page, name + "_bucket{" + labels + "le=\"+Inf\"}", perSecond, seconds);
    counter(
        page,
        name + "_count{" + labels.substring(0, labels.length() - 1) + "}",
        perSecond,
        seconds);
    counter(
        page,
        name + "_sum{" + labels.substring(0, labels.length() - 1) + "}",
        perSecond * 0.4,
        seconds);
  }
}
