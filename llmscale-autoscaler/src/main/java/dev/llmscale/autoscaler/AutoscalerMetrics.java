package dev.llmscale.autoscaler;

import dev.llmscale.core.policy.MetricReading;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The autoscaler's own metrics, so its decisions can be graphed beside the latencies they answer:
 * desired, current and ready replicas per service, the planner's forecast, every metric reading,
 * failed polls by metric, scale operations and failures, and how long a tick takes.
 */
public final class AutoscalerMetrics {
  public static final String PREFIX = "llmscale_autoscaler_";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Gauge desired;
  private final Gauge replicas;
  private final Gauge ready;
  private final Gauge forecastRate;
  private final Gauge leadTime;
  private final Gauge metricValue;
  private final Counter metricErrors;
  private final Counter scaleOperations;
  private final Counter scaleErrors;
  private final Counter ticks;
  private final Histogram tickDuration;

  public AutoscalerMetrics(String policy, String source, boolean dryRun) {
    Gauge info =
        Gauge.builder()
            .name(PREFIX + "info")
            .help("The policy, metric source and mode this autoscaler runs with.")
            .labelNames("policy", "source", "dry_run")
            .register(registry);
    info.labelValues(policy, source, Boolean.toString(dryRun)).set(1);
    desired =
        gauge("desired_replicas", "Replicas the policy wants, per scaled service.", "service");
    replicas =
        gauge(
            "current_replicas",
            "Replicas the scale target was asked for before the tick (spec.replicas).",
            "service");
    ready = gauge("ready_replicas", "Replicas ready to serve, per scaled service.", "service");
    forecastRate =
        gauge(
            "forecast_request_rate",
            "Requests per second the SLO planner planned for, per service.",
            "service");
    leadTime =
        gauge(
            "lead_time_seconds",
            "Time from a scale-up decision to a ready replica, as the planner estimates it.",
            "service");
    metricValue = gauge("metric_value", "The last successful reading of each metric.", "metric");
    metricErrors =
        Counter.builder()
            .name(PREFIX + "metric_errors")
            .help("Failed polls of a metric (unreachable source, query error, empty result).")
            .labelNames("metric", "source")
            .register(registry);
    scaleOperations =
        Counter.builder()
            .name(PREFIX + "scale_operations")
            .help("Replica counts written to a scale target, by direction.")
            .labelNames("service", "direction")
            .register(registry);
    scaleErrors =
        Counter.builder()
            .name(PREFIX + "scale_errors")
            .help("Failed reads or writes of a scale target.")
            .labelNames("service")
            .register(registry);
    ticks =
        Counter.builder().name(PREFIX + "ticks").help("Control-loop ticks run.").register(registry);
    tickDuration =
        Histogram.builder()
            .name(PREFIX + "decision_duration_seconds")
            .help("Wall time of one tick: reading metrics and targets, deciding, scaling.")
            .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
  }

  private Gauge gauge(String name, String help, String label) {
    return Gauge.builder().name(PREFIX + name).help(help).labelNames(label).register(registry);
  }

  void recordTick(TickRecord tick, String source) {
    ticks.inc();
    tickDuration.observe(tick.durationSeconds());
    for (Map.Entry<String, MetricReading> metric : tick.metrics().entrySet()) {
      if (metric.getValue().isFailure()) {
        metricErrors.labelValues(metric.getKey(), source).inc();
      } else {
        metricValue.labelValues(metric.getKey()).set(metric.getValue().value());
      }
    }
    for (TickRecord.ServiceRecord service : tick.services()) {
      desired.labelValues(service.service()).set(service.desired());
      replicas.labelValues(service.service()).set(service.replicas());
      ready.labelValues(service.service()).set(service.ready());
      if (service.forecast() != null) {
        if (Double.isFinite(service.forecast().requestRate())) {
          forecastRate.labelValues(service.service()).set(service.forecast().requestRate());
        }
        leadTime.labelValues(service.service()).set(service.forecast().leadTimeSeconds());
      }
      switch (service.outcome()) {
        case SCALED ->
            scaleOperations
                .labelValues(
                    service.service(), service.desired() > service.replicas() ? "up" : "down")
                .inc();
        case FAILED -> scaleErrors.labelValues(service.service()).inc();
        case UNCHANGED, DRY_RUN -> {}
      }
    }
  }

  void scaleTargetUnreadable(String service) {
    scaleErrors.labelValues(service).inc();
  }

  /** The metrics in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public String contentType() {
    return writer.getContentType();
  }
}
