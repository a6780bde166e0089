package dev.llmscale.autoscaler.source;

import dev.llmscale.core.metrics.PrometheusFloats;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.promql.PromqlValue;
import dev.llmscale.core.policy.MetricReading;
import java.util.List;

/**
 * What KEDA's Prometheus scaler ({@code pkg/scalers/prometheus_scaler.go}) makes of a query result,
 * shared by both sources so that a trigger reads the same through either:
 *
 * <ul>
 *   <li>no element, or an element without a value list: 0 with {@code ignoreNullValues} ({@link
 *       MetricQuery#emptyAsZero()}), else a failure;
 *   <li>more than one element: a failure;
 *   <li>a scalar or string result: a failure (KEDA cannot decode it);
 *   <li>+Inf, -Inf or NaN: 0 with {@code ignoreNullValues}, else a failure.
 * </ul>
 */
final class KedaResult {

  private KedaResult() {}

  /** The reading of a value the core evaluator computed. */
  static MetricReading of(MetricQuery query, PromqlValue value) {
    return switch (value) {
      case PromqlValue.Scalar scalar -> scalar();
      case PromqlValue.InstantVector vector -> {
        List<Sample> samples = vector.samples();
        if (samples.isEmpty()) {
          yield noSeries(query);
        }
        yield samples.size() > 1
            ? severalSeries(samples.size())
            : value(query, samples.getFirst().value());
      }
    };
  }

  static MetricReading empty(MetricQuery query, String what) {
    return query.emptyAsZero()
        ? MetricReading.of(0)
        : MetricReading.failed(what + "; not read as 0 because emptyAsZero is off");
  }

  static MetricReading noSeries(MetricQuery query) {
    return empty(
        query, "the query returned no series: the metric may be missing or its target down");
  }

  static MetricReading severalSeries(int count) {
    return MetricReading.failed(
        "the query returned "
            + count
            + " series, one is needed: aggregate them, as with sum(...) or max(...)");
  }

  static MetricReading scalar() {
    return MetricReading.failed(
        "the query returned a scalar; as with KEDA, only an instant vector of one series is read");
  }

  static MetricReading value(MetricQuery query, double value) {
    if (Double.isFinite(value)) {
      return MetricReading.of(value);
    }
    return query.emptyAsZero()
        ? MetricReading.of(0)
        : MetricReading.failed(
            "the query returned "
                + PrometheusFloats.format(value)
                + "; not read as 0 because emptyAsZero is off");
  }
}
