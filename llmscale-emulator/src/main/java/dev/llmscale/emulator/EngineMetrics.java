package dev.llmscale.emulator;

import dev.llmscale.core.engine.EngineCounters;
import dev.llmscale.core.engine.FinishedRequest;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The emulated engine's Prometheus metrics under vLLM's names, labels and bucket boundaries (vLLM
 * {@code v1/metrics/loggers.py}), plus the emulator's own {@code llmscale_emulator_*} metrics.
 * Gauges and counters read the status the engine thread publishes; histograms are observed by the
 * engine thread as tokens and requests complete. All latencies are wall-clock seconds, i.e. what a
 * client measures, also when the engine runs with a speed-up.
 */
final class EngineMetrics implements EngineObserver {
  static final double[] TTFT_BUCKETS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    20.0, 40.0, 80.0, 160.0, 640.0, 2560.0
  };
  static final double[] ITL_BUCKETS = {
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0,
    40.0, 80.0
  };
  static final double[] REQUEST_LATENCY_BUCKETS = {
    0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
    480.0, 960.0, 1920.0, 7680.0
  };

  private static final String[] LABELS = {"model_name", "engine"};
  private static final String ENGINE = "0";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final DistributionDataPoint ttft;
  private final DistributionDataPoint interToken;
  private final DistributionDataPoint e2e;
  private final DistributionDataPoint queue;
  private final DistributionDataPoint promptTokens;
  private final DistributionDataPoint generationTokens;

  EngineMetrics(EmulatorOptions options, Supplier<EngineStatus> status, TokenTiming timing) {
    String model = options.servedModelName();
    int maxModelLen = options.engineConfig().maxModelLen();

    gauge(
        "vllm:num_requests_running",
        "Number of requests in model execution batches.",
        model,
        status,
        s -> s.snapshot().running());
    gauge(
        "vllm:num_requests_waiting",
        "Number of requests waiting to be processed.",
        model,
        status,
        s -> s.snapshot().waiting());
    gauge(
        "vllm:kv_cache_usage_perc",
        "KV-cache usage. 1 means 100 percent usage.",
        model,
        status,
        s -> s.snapshot().kvUsage());
    gauge(
        "vllm:gpu_cache_usage_perc",
        "GPU KV-cache usage. 1 means 100 percent usage."
            + " DEPRECATED: Use vllm:kv_cache_usage_perc instead.",
        model,
        status,
        s -> s.snapshot().kvUsage());

    counter(
        "vllm:prefix_cache_queries",
        "Prefix cache queries, in terms of number of queried tokens.",
        model,
        status,
        EngineCounters::prefixCacheQueries);
    counter(
        "vllm:prefix_cache_hits",
        "Prefix cache hits, in terms of number of cached tokens.",
        model,
        status,
        EngineCounters::prefixCacheHits);
    counter(
        "vllm:num_preemptions",
        "Cumulative number of preemption from the engine.",
        model,
        status,
        EngineCounters::preemptions);
    counter(
        "vllm:prompt_tokens",
        "Number of prefill tokens processed.",
        model,
        status,
        EngineCounters::promptTokens);
    counter(
        "vllm:generation_tokens",
        "Number of generation tokens processed.",
        model,
        status,
        EngineCounters::generationTokens);
    CounterWithCallback.builder()
        .name("vllm:request_success")
        .help("Count of successfully processed requests.")
        .labelNames("model_name", "engine", "finished_reason")
        .callback(
            callback -> {
              EngineCounters c = status.get().counters();
              callback.call(c.finishedStop(), model, ENGINE, "stop");
              callback.call(c.finishedLength(), model, ENGINE, "length");
              callback.call(c.aborted(), model, ENGINE, "abort");
            })
        .register(registry);

    ttft =
        histogram(
            "vllm:time_to_first_token_seconds",
            "Histogram of time to first token in seconds.",
            TTFT_BUCKETS,
            model);
    interToken =
        histogram(
            "vllm:inter_token_latency_seconds",
            "Histogram of inter-token latency in seconds.",
            ITL_BUCKETS,
            model);
    e2e =
        histogram(
            "vllm:e2e_request_latency_seconds",
            "Histogram of e2e request latency in seconds.",
            REQUEST_LATENCY_BUCKETS,
            model);
    queue =
        histogram(
            "vllm:request_queue_time_seconds",
            "Histogram of time spent in WAITING phase for request.",
            REQUEST_LATENCY_BUCKETS,
            model);
    promptTokens =
        histogram(
            "vllm:request_prompt_tokens",
            "Number of prefill tokens processed.",
            oneTwoFiveBuckets(maxModelLen),
            model);
    generationTokens =
        histogram(
            "vllm:request_generation_tokens",
            "Number of generation tokens processed.",
            oneTwoFiveBuckets(maxModelLen),
            model);

    summary(
        "llmscale_emulator_token_emit_lag_seconds",
        "Wall-clock lag from the time the performance model scheduled a streamed token to the"
            + " flush of its write, since start.",
        timing::emitLag);
    summary(
        "llmscale_emulator_token_gap_error_seconds",
        "Deviation of the time between a stream's consecutive token flushes from the time the"
            + " performance model put between them, since start.",
        timing::gapError);
    CounterWithCallback.builder()
        .name("llmscale_emulator_engine_steps")
        .help("Engine steps executed.")
        .callback(callback -> callback.call(status.get().counters().steps()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("llmscale_emulator_speed_up")
        .help("How many times faster than the performance model the emulated engine runs.")
        .callback(callback -> callback.call(options.speedUp()))
        .register(registry);
    Info.builder()
        .name("llmscale_emulator_info")
        .help("The emulated model, GPU and performance model.")
        .labelNames("model_name", "model", "gpu", "performance_model")
        .register(registry)
        .setLabelValues(
            model, options.model().id(), options.gpu().id(), options.performanceModel().describe());
  }

  @Override
  public void firstToken(double ttftSeconds) {
    ttft.observe(ttftSeconds);
  }

  @Override
  public void interToken(double seconds) {
    interToken.observe(seconds);
  }

  @Override
  public void finished(FinishedRequest request, double queueSeconds) {
    e2e.observe(Math.max(0, request.e2eSeconds()));
    queue.observe(queueSeconds);
    promptTokens.observe(request.promptTokens());
    generationTokens.observe(request.outputTokens());
  }

  /** The Prometheus text exposition (format 0.0.4) of every metric. */
  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  String contentType() {
    return writer.getContentType();
  }

  /** vLLM's {@code build_1_2_5_buckets}: 1, 2, 5, 10, 20, 50, … up to {@code max}. */
  static double[] oneTwoFiveBuckets(int max) {
    List<Double> bounds = new ArrayList<>();
    for (long scale = 1; ; scale *= 10) {
      for (int mantissa : new int[] {1, 2, 5}) {
        long value = mantissa * scale;
        if (value > max) {
          return bounds.stream().mapToDouble(Double::doubleValue).toArray();
        }
        bounds.add((double) value);
      }
    }
  }

  private void gauge(
      String name,
      String help,
      String model,
      Supplier<EngineStatus> status,
      ToDoubleFunction<EngineStatus> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(LABELS)
        .callback(callback -> callback.call(value.applyAsDouble(status.get()), model, ENGINE))
        .register(registry);
  }

  private void counter(
      String name,
      String help,
      String model,
      Supplier<EngineStatus> status,
      java.util.function.ToLongFunction<EngineCounters> value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(LABELS)
        .callback(
            callback -> callback.call(value.applyAsLong(status.get().counters()), model, ENGINE))
        .register(registry);
  }

  private void summary(String name, String help, Supplier<LatencySummary> source) {
    SummaryWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            callback -> {
              LatencySummary summary = source.get();
              callback.call(
                  summary.count(),
                  summary.sumSeconds(),
                  Quantiles.of(
                      new Quantile(0.5, summary.p50()),
                      new Quantile(0.9, summary.p90()),
                      new Quantile(0.99, summary.p99()),
                      new Quantile(0.999, summary.p999())));
            })
        .register(registry);
  }

  private DistributionDataPoint histogram(
      String name, String help, double[] buckets, String model) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .labelNames(LABELS)
        .classicOnly()
        .classicUpperBounds(buckets)
        .withoutExemplars()
        .register(registry)
        .labelValues(model, ENGINE);
  }
}
