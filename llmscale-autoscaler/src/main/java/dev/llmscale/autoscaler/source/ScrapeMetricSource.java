package dev.llmscale.autoscaler.source;

import dev.llmscale.core.metrics.Exposition;
import dev.llmscale.core.metrics.ExpositionFormatException;
import dev.llmscale.core.metrics.ExpositionParser;
import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.ScrapeRecorder;
import dev.llmscale.core.metrics.SeriesStore;
import dev.llmscale.core.metrics.promql.PromqlEvaluationException;
import dev.llmscale.core.metrics.promql.PromqlEvaluator;
import dev.llmscale.core.metrics.promql.PromqlParseException;
import dev.llmscale.core.metrics.promql.PromqlQuery;
import dev.llmscale.core.metrics.promql.PromqlValue;
import dev.llmscale.core.policy.MetricReading;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics without a Prometheus server: scrapes the targets' {@code /metrics} every interval on its
 * own daemon thread, keeps the samples in a core {@link SeriesStore} (each series labelled with its
 * target's {@code instance}, {@code host:port}, and an {@code up} series per target, as Prometheus
 * writes them) and evaluates queries of the core PromQL subset ({@link PromqlQuery}) at read time.
 *
 * <p>A target that fails a scrape (refused, timed out, not HTTP 200, a malformed page) has its
 * series marked stale, as Prometheus marks them, so a query over them turns empty at once rather
 * than repeating old values; with {@link MetricQuery#emptyAsZero()} that reads 0, else fails, as in
 * KEDA. Right after start, before two scrapes, rates have no data yet.
 */
public final class ScrapeMetricSource implements MetricSource {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeMetricSource.class);

  /** Asks client libraries for the classic text format rather than protobuf or OpenMetrics. */
  private static final String ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

  private record Target(URI uri, Labels labels) {}

  /** One scrape: the page, or why there is none. */
  private record Outcome(Target target, Exposition page, String failure) {}

  private final ScrapeSourceOptions options;
  private final Clock clock = Clock.systemUTC();
  private final List<Target> targets;
  private final ReentrantLock storeLock = new ReentrantLock();
  private final SeriesStore store;
  private final ScrapeRecorder recorder;
  private final PromqlEvaluator evaluator;
  private final Map<String, PromqlQuery> parsedQueries = new ConcurrentHashMap<>();
  private final Map<URI, String> failingTargets = new HashMap<>();
  private final HttpClient http;
  private final ScheduledExecutorService scraper;

  private ScrapeMetricSource(ScrapeSourceOptions options) {
    this.options = options;
    this.targets = options.targets().stream().map(ScrapeMetricSource::target).toList();
    this.store = new SeriesStore(options.retention().toMillis());
    this.recorder = new ScrapeRecorder(store);
    this.evaluator = new PromqlEvaluator(store);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout())
            .build();
    this.scraper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "llmscale-scrape");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts scraping at once, then every interval, until {@link #close()}. */
  public static ScrapeMetricSource start(ScrapeSourceOptions options) {
    ScrapeMetricSource source = new ScrapeMetricSource(options);
    source.scraper.scheduleAtFixedRate(
        source::scrapeAll, 0, options.interval().toMillis(), TimeUnit.MILLISECONDS);
    return source;
  }

  @Override
  public String name() {
    return "scrape";
  }

  @Override
  public MetricReading read(MetricQuery query) {
    PromqlQuery parsed;
    try {
      parsed = parsedQueries.computeIfAbsent(query.expression(), PromqlQuery::parse);
    } catch (PromqlParseException e) {
      return MetricReading.failed(
          "the scrape source cannot evaluate this query: " + e.getMessage());
    }
    PromqlValue value;
    storeLock.lock();
    try {
      value = evaluator.evaluate(parsed, clock.millis());
    } catch (PromqlEvaluationException e) {
      return MetricReading.failed(e.getMessage());
    } finally {
      storeLock.unlock();
    }
    return KedaResult.of(query, value);
  }

  /** One round: all targets at once, each stamped with the round's start, as Prometheus does. */
  private void scrapeAll() {
    try {
      long timestamp = clock.millis();
      List<CompletableFuture<Outcome>> scrapes = new ArrayList<>();
      for (Target target : targets) {
        scrapes.add(scrape(target));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (CompletableFuture<Outcome> scrape : scrapes) {
        outcomes.add(scrape.get());
      }
      storeLock.lock();
      try {
        for (Outcome outcome : outcomes) {
          if (outcome.failure() == null) {
            recorder.recordSuccess(outcome.target().labels(), outcome.page().samples(), timestamp);
          } else {
            recorder.recordFailure(outcome.target().labels(), timestamp);
          }
        }
        store.removeExpired(timestamp);
      } finally {
        storeLock.unlock();
      }
      outcomes.forEach(this::logChange);
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("a scrape round failed; the next one follows in {}", options.interval(), e);
    }
  }

  private CompletableFuture<Outcome> scrape(Target target) {
    HttpRequest request =
        HttpRequest.newBuilder(target.uri())
            .timeout(options.timeout())
            .header("Accept", ACCEPT)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, error) -> outcome(target, response, error));
  }

  private Outcome outcome(Target target, HttpResponse<String> response, Throwable error) {
    if (error != null) {
      return new Outcome(target, null, describe(error));
    }
    if (response.statusCode() != 200) {
      return new Outcome(target, null, "HTTP " + response.statusCode());
    }
    try {
      return new Outcome(target, ExpositionParser.parse(response.body()), null);
    } catch (ExpositionFormatException e) {
      return new Outcome(target, null, "not the text exposition format: " + e.getMessage());
    }
  }

  private String describe(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof CompletionException || cause.getMessage() == null)) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return "no answer within " + options.timeout().toMillis() + " ms";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Logs a target going down or coming back, not every failed scrape. */
  private void logChange(Outcome outcome) {
    URI uri = outcome.target().uri();
    if (outcome.failure() != null) {
      if (failingTargets.put(uri, outcome.failure()) == null) {
        LOG.warn(
            "scraping {} failed ({}); its series are stale until it answers",
            uri,
            outcome.failure());
      }
    } else if (failingTargets.remove(uri) != null) {
      LOG.info("scraping {} works again", uri);
    }
  }

  private static Target target(URI uri) {
    String instance = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return new Target(uri, Labels.of("instance", instance));
  }

  /** Stops the scrape thread (waiting out a round in flight) and the HTTP client. */
  @Override
  public void close() {
    scraper.shutdownNow();
    try {
      if (!scraper.awaitTermination(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        LOG.warn("the scrape thread did not stop within {} + 1 s", options.timeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.shutdownNow();
  }

  @Override
  public String toString() {
    return "ScrapeMetricSource" + options.targets();
  }
}
