package dev.llmscale.gateway;

import dev.llmscale.openai.ApiKind;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics. The frontend metrics carry NVIDIA Dynamo's names after a
 * configurable prefix ({@code llmscale_frontend_} by default; {@code dynamo_frontend_} makes
 * existing Dynamo dashboards and KEDA triggers work unchanged) and Dynamo's labels: {@code model}
 * on all of them, plus {@code endpoint, request_type, status, error_type} on {@code
 * requests_total}. Gateway internals (retries, replica state) are {@code llmscale_gateway_*}.
 */
final class GatewayMetrics {
  static final String DEFAULT_PREFIX = "llmscale_frontend_";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final String prefix;
  private final Histogram timeToFirstToken;
  private final Histogram interTokenLatency;
  private final Histogram requestDuration;
  private final Histogram inputSequenceTokens;
  private final Histogram outputSequenceTokens;
  private final Counter requests;
  private final Counter outputTokens;
  private final Counter rejections;
  private final Counter cancellations;
  private final Gauge queued;
  private final Gauge inflight;
  private final Counter retries;
  private final Counter ejections;
  private final Map<String, ModelMetrics> byModel = new ConcurrentHashMap<>();

  private final Supplier<ModelCatalog> catalog;

  /**
   * @param upstreams the replicas, for the per-replica gauges
   * @param catalog the served models: each gets its series (at zero) before its first request, so
   *     {@code rate()} over them counts that request too
   */
  GatewayMetrics(
      String prefix,
      boolean nativeHistograms,
      Supplier<Iterable<Upstream>> upstreams,
      Supplier<ModelCatalog> catalog) {
    this.prefix = prefix;
    this.catalog = catalog;
    timeToFirstToken =
        histogram(
            "time_to_first_token_seconds",
            "Time to first token in seconds, from the request's arrival at the gateway to the"
                + " first token's write to the client.",
            MetricBuckets.TIME_TO_FIRST_TOKEN_SECONDS,
            nativeHistograms);
    interTokenLatency =
        histogram(
            "inter_token_latency_seconds",
            "Inter-token latency in seconds, between consecutive token events of a stream (a"
                + " chunk of several tokens counts its gap divided among them).",
            MetricBuckets.INTER_TOKEN_LATENCY_SECONDS,
            nativeHistograms);
    requestDuration =
        histogram(
            "request_duration_seconds",
            "Duration of LLM requests, arrival to the last byte of the response.",
            MetricBuckets.REQUEST_DURATION_SECONDS,
            nativeHistograms);
    inputSequenceTokens =
        histogram(
            "input_sequence_tokens",
            "Input sequence length in tokens.",
            MetricBuckets.SEQUENCE_TOKENS,
            nativeHistograms);
    outputSequenceTokens =
        histogram(
            "output_sequence_tokens",
            "Output sequence length in tokens.",
            MetricBuckets.SEQUENCE_TOKENS,
            nativeHistograms);
    requests =
        Counter.builder()
            .name(prefix + "requests")
            .help("Total number of LLM requests processed.")
            .labelNames("model", "endpoint", "request_type", "status", "error_type")
            .withoutExemplars()
            .register(registry);
    outputTokens =
        Counter.builder()
            .name(prefix + "output_tokens")
            .help("Total number of output tokens generated (updates in real time).")
            .labelNames("model")
            .withoutExemplars()
            .register(registry);
    rejections =
        Counter.builder()
            .name(prefix + "model_rejection")
            .help(
                "Requests refused by admission control because they could not start within the"
                    + " TTFT budget.")
            .labelNames("model", "endpoint")
            .withoutExemplars()
            .register(registry);
    cancellations =
        Counter.builder()
            .name(prefix + "model_cancellation")
            .help("Requests cancelled by the client disconnecting.")
            .labelNames("model", "endpoint", "request_type")
            .withoutExemplars()
            .register(registry);
    queued =
        Gauge.builder()
            .name(prefix + "queued_requests")
            .help("Requests received and not yet answered with a first token.")
            .labelNames("model")
            .register(registry);
    inflight =
        Gauge.builder()
            .name(prefix + "inflight_requests")
            .help("Requests received and not yet answered completely.")
            .labelNames("model")
            .register(registry);
    retries =
        Counter.builder()
            .name("llmscale_gateway_retries")
            .help("Requests sent to another replica after one failed before answering.")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);
    ejections =
        Counter.builder()
            .name("llmscale_gateway_upstream_ejections")
            .help("Times a replica was ejected by its circuit breaker after failures.")
            .labelNames("upstream")
            .withoutExemplars()
            .register(registry);
    GaugeWithCallback.builder()
        .name("llmscale_gateway_upstream_in_flight")
        .help("Requests the gateway has in flight at each replica.")
        .labelNames("upstream")
        .callback(
            callback -> {
              for (Upstream upstream : upstreams.get()) {
                callback.call(upstream.inFlight(), upstream.id());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("llmscale_gateway_upstream_routable")
        .help("1 when a replica takes new requests (healthy, not ejected, not draining), else 0.")
        .labelNames("upstream", "state")
        .callback(
            callback -> {
              for (Upstream upstream : upstreams.get()) {
                String state = state(upstream);
                callback.call(state.equals("ready") ? 1 : 0, upstream.id(), state);
              }
            })
        .register(registry);
  }

  private static String state(Upstream upstream) {
    if (upstream.draining()) {
      return "draining";
    }
    if (!upstream.healthy()) {
      return "unhealthy";
    }
    return upstream.breaker().state() == CircuitBreaker.State.CLOSED ? "ready" : "ejected";
  }

  private Histogram histogram(
      String suffix, String help, double[] bounds, boolean nativeHistograms) {
    Histogram.Builder builder =
        Histogram.builder()
            .name(prefix + suffix)
            .help(help)
            .labelNames("model")
            .classicUpperBounds(bounds)
            .withoutExemplars();
    if (!nativeHistograms) {
      builder.classicOnly();
    }
    return builder.register(registry);
  }

  String prefix() {
    return prefix;
  }

  /** The series of one model (a served model's name, or {@code unknown}). */
  ModelMetrics model(String model) {
    return byModel.computeIfAbsent(
        model,
        m ->
            new ModelMetrics(
                m,
                timeToFirstToken.labelValues(m),
                interTokenLatency.labelValues(m),
                requestDuration.labelValues(m),
                inputSequenceTokens.labelValues(m),
                outputSequenceTokens.labelValues(m),
                outputTokens.labelValues(m),
                queued.labelValues(m),
                inflight.labelValues(m)));
  }

  void requestEnded(String model, ApiKind kind, boolean stream, ErrorType errorType) {
    requests
        .labelValues(
            model,
            kind.endpointLabel(),
            stream ? "stream" : "unary",
            errorType == ErrorType.NONE ? "success" : "error",
            errorType.label)
        .inc();
    if (errorType == ErrorType.OVERLOAD) {
      rejections.labelValues(model, kind.endpointLabel()).inc();
    } else if (errorType == ErrorType.CANCELLED) {
      cancellations.labelValues(model, kind.endpointLabel(), stream ? "stream" : "unary").inc();
    }
  }

  void retried(String reason) {
    retries.labelValues(reason).inc();
  }

  void ejected(Upstream upstream) {
    ejections.labelValues(upstream.id()).inc();
  }

  /** The exposition for a scrape with this {@code Accept} header (protobuf, OpenMetrics, text). */
  Scrape scrape(String accept) {
    for (ModelEntry model : catalog.get().entries()) {
      model(model.id());
    }
    ExpositionFormatWriter writer = formats.findWriter(accept);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Scrape(writer.getContentType(), out.toByteArray());
  }

  /** One exposition and its content type. */
  record Scrape(String contentType, byte[] body) {}
}
