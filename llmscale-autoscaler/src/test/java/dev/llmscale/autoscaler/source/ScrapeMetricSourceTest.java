package dev.llmscale.autoscaler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scrape source against a loopback {@code /metrics} page, scraped every 100 ms. */
class ScrapeMetricSourceTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final String PAGE =
      """
      # TYPE llmscale_frontend_queued_requests gauge
      llmscale_frontend_queued_requests{model="m"} 3
      llmscale_frontend_queued_requests{model="n"} 2
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{model_name="m",engine="0"} 4
      """;

  private ScriptedHttpServer target;
  private ScrapeMetricSource source;

  @BeforeEach
  void start() throws IOException {
    target = new ScriptedHttpServer();
    target.serveMetrics(() -> PAGE);
    source =
        ScrapeMetricSource.start(
            new ScrapeSourceOptions(
                List.of(target.uri("/metrics")), INTERVAL, INTERVAL, Duration.ofMinutes(1)));
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  private MetricReading read(String query, boolean emptyAsZero) {
    return source.read(new MetricQuery("q", query, emptyAsZero));
  }

  private void awaitReading(String query, MetricReading expected) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(read(query, false)).isEqualTo(expected));
  }

  @Test
  void evaluatesQueriesOverTheScrapedSeriesLabelledWithTheirInstance() {
    String instance = "127.0.0.1:" + target.uri("").getPort();

    awaitReading(
        "sum(llmscale_frontend_queued_requests) + sum(vllm:num_requests_waiting)",
        MetricReading.of(9));
    assertThat(read("sum(llmscale_frontend_queued_requests{instance=\"" + instance + "\"})", false))
        .isEqualTo(MetricReading.of(5));
    assertThat(read("sum(up{instance=\"" + instance + "\"})", false))
        .isEqualTo(MetricReading.of(1));
    assertThat(target.lastRequest().headers().get("Accept")).startsWith("text/plain;version=0.0.4");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          llmscale_frontend_queued_requests      | the query returned 2 series, one is needed
          2 * 3                                  | the query returned a scalar
          sum(absent_metric)                     | the query returned no series
          llmscale_frontend_queued_requests > 1  | the scrape source cannot evaluate this query: bad query at position 35: the comparison operator '>' is not supported
          sum(llmscale_frontend_queued_requests) / on () llmscale_frontend_queued_requests | found duplicate series for the match group {}
          """)
  void readsResultsAsKedaDoes(String query, String failure) {
    awaitReading("sum(llmscale_frontend_queued_requests)", MetricReading.of(5));

    assertThat(read(query, false).failure()).contains(failure);
  }

  @Test
  void aFailingTargetsSeriesGoStaleSoQueriesTurnEmpty() {
    awaitReading("sum(llmscale_frontend_queued_requests)", MetricReading.of(5));

    target.answer(503, "overloaded");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(read("sum(llmscale_frontend_queued_requests)", false).failure())
                    .startsWith("the query returned no series"));
    assertThat(read("sum(llmscale_frontend_queued_requests)", true)).isEqualTo(MetricReading.of(0));
    assertThat(read("sum(up)", false)).isEqualTo(MetricReading.of(0));

    target.serveMetrics(() -> "not a metrics page");
    awaitReading("sum(up)", MetricReading.of(0));

    target.serveMetrics(() -> PAGE);
    awaitReading("sum(llmscale_frontend_queued_requests)", MetricReading.of(5));
  }

  @Test
  void closeStopsTheScrapeThread() {
    awaitReading("sum(up)", MetricReading.of(1));
    assertThat(scrapeThreadAlive()).isTrue();

    source.close();

    assertThat(scrapeThreadAlive()).isFalse();
    int scrapes = target.requestCount();
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(1))
        .until(() -> target.requestCount() == scrapes);
  }

  @Test
  void optionsRefuseWhatCannotWork() {
    List<URI> targets = List.of(URI.create("http://127.0.0.1:1/metrics"));
    Duration second = Duration.ofSeconds(1);

    assertThatThrownBy(
            () -> new ScrapeSourceOptions(List.of(), second, second, Duration.ofMinutes(1)))
        .hasMessageContaining("at least one /metrics URL");
    assertThatThrownBy(
            () ->
                new ScrapeSourceOptions(
                    List.of(URI.create("file:///metrics")), second, second, Duration.ofMinutes(1)))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(
            () ->
                new ScrapeSourceOptions(
                    targets, second, Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .hasMessageContaining("must not exceed the interval");
    assertThatThrownBy(() -> new ScrapeSourceOptions(targets, second, second, second))
        .hasMessageContaining("must be longer than the interval");
    assertThatThrownBy(() -> new ScrapeSourceOptions(targets, Duration.ZERO, second, second))
        .hasMessageContaining("interval must be > 0");
  }

  private static boolean scrapeThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("llmscale-scrape") && t.isAlive());
  }
}
