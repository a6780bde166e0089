package dev.llmscale.sim.metrics;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.ScrapeRecorder;
import dev.llmscale.core.metrics.SeriesStore;
import dev.llmscale.core.metrics.promql.PromqlEvaluationException;
import dev.llmscale.core.metrics.promql.PromqlEvaluator;
import dev.llmscale.core.metrics.promql.PromqlQuery;
import dev.llmscale.core.metrics.promql.PromqlValue;
import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.sim.control.MetricPipeline;
import dev.llmscale.sim.control.MetricQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's metrics on their way to a policy as in production: a Prometheus server scrapes the
 * gateway every {@code scrapeInterval} into the core {@link SeriesStore} (through the core {@link
 * ScrapeRecorder}, so staleness and {@code up} behave as Prometheus's), and each policy tick
 * evaluates its PromQL with the core {@link PromqlEvaluator}: {@code rate} windows, {@code
 * histogram_quantile} over the exported buckets, lookback and all. What the policy reads is
 * therefore late and coarse exactly as it would be live: a step in load shows only after the next
 * scrape, grows into a {@code rate} over its window, and is acted on at the next poll.
 */
public final class PrometheusPipeline implements MetricPipeline {
  private static final Labels TARGET = Labels.of("job", "llmscale-gateway", "instance", "gateway");

  private final FrontendExposition exposition;
  private final long scrapeIntervalNanos;
  private final SeriesStore store;
  private final ScrapeRecorder recorder;
  private final PromqlEvaluator evaluator;
  private final Map<MetricQuery, PromqlQuery> queries = new LinkedHashMap<>();
  private final String headline;

  /**
   * @param retentionNanos how long samples are kept: at least the longest query range plus a scrape
   *     interval
   * @param headline the name of the reading plotted beside the policy's decisions
   * @throws IllegalArgumentException if a query does not parse
   */
  public PrometheusPipeline(
      FrontendExposition exposition,
      List<MetricQuery> queries,
      String headline,
      long scrapeIntervalNanos,
      long retentionNanos,
      long lookbackNanos) {
    if (scrapeIntervalNanos <= 0) {
      throw new IllegalArgumentException("metrics.scrapeInterval must be > 0");
    }
    this.exposition = exposition;
    this.scrapeIntervalNanos = scrapeIntervalNanos;
    this.store = new SeriesStore(Math.max(1, retentionNanos / 1_000_000));
    this.recorder = new ScrapeRecorder(store);
    this.evaluator = new PromqlEvaluator(store, Math.max(1, lookbackNanos / 1_000_000));
    for (MetricQuery query : queries) {
      this.queries.put(query, PromqlQuery.parse(query.expression()));
    }
    this.headline = headline;
  }

  @Override
  public long scrapeIntervalNanos() {
    return scrapeIntervalNanos;
  }

  @Override
  public void scrape(long nowNanos) {
    long millis = nowNanos / 1_000_000;
    List<Sample> samples = exposition.samples();
    recorder.recordSuccess(TARGET, samples, millis);
  }

  @Override
  public Map<String, MetricReading> read(long nowNanos) {
    long millis = nowNanos / 1_000_000;
    Map<String, MetricReading> readings = new LinkedHashMap<>();
    for (Map.Entry<MetricQuery, PromqlQuery> entry : queries.entrySet()) {
      MetricQuery query = entry.getKey();
      readings.put(query.name(), reading(query, entry.getValue(), millis));
    }
    return readings;
  }

  @Override
  public double headline(Map<String, MetricReading> readings) {
    MetricReading reading = readings.get(headline);
    return reading == null || reading.isFailure() ? Double.NaN : reading.value();
  }

  private MetricReading reading(MetricQuery query, PromqlQuery parsed, long millis) {
    PromqlValue value;
    try {
      value = evaluator.evaluate(parsed, millis);
    } catch (PromqlEvaluationException e) {
      return MetricReading.failed(e.getMessage());
    }
    return switch (value) {
      case PromqlValue.Scalar scalar -> finite(query, scalar.value());
      case PromqlValue.InstantVector vector -> {
        if (vector.samples().isEmpty()) {
          yield query.keda() && query.ignoreNullValues()
              ? MetricReading.of(0)
              : MetricReading.failed("the query returned no series");
        }
        if (vector.samples().size() > 1) {
          yield MetricReading.failed(
              "the query returned " + vector.samples().size() + " series, not one");
        }
        yield finite(query, vector.samples().get(0).value());
      }
    };
  }

  /** KEDA turns NaN and Inf into 0 when ignoring null values; anything else fails the poll. */
  private static MetricReading finite(MetricQuery query, double value) {
    if (Double.isFinite(value)) {
      return MetricReading.of(value);
    }
    return query.keda() && query.ignoreNullValues()
        ? MetricReading.of(0)
        : MetricReading.failed("the query returned " + value);
  }
}
