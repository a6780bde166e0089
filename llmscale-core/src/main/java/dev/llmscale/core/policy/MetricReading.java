package dev.llmscale.core.policy;

import java.util.OptionalDouble;

/**
 * One poll of one metric: a finite value, or a failure with its cause. A failure is never a zero:
 * the threshold policy counts it towards {@code fallback}, the SLO planner holds its last decision.
 * Sources decide what an empty query result means (KEDA's Prometheus scaler reads it as 0 when
 * {@code ignoreNullValues} is true, its default) and report that choice explicitly.
 *
 * @param value the reading; NaN exactly when {@code failure} is set
 * @param failure why the poll failed, or null when it succeeded
 */
public record MetricReading(double value, String failure) {

  public MetricReading {
    if (failure == null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "a metric value must be finite (" + value + "); report a failed poll instead");
    }
    if (failure != null) {
      if (failure.isBlank()) {
        throw new IllegalArgumentException("a failed poll needs a reason");
      }
      value = Double.NaN;
    }
  }

  public static MetricReading of(double value) {
    return new MetricReading(value, null);
  }

  public static MetricReading failed(String reason) {
    return new MetricReading(Double.NaN, reason);
  }

  public boolean isFailure() {
    return failure != null;
  }

  public OptionalDouble asOptional() {
    return failure == null ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  @Override
  public String toString() {
    return failure == null ? Double.toString(value) : "failed(" + failure + ")";
  }
}
