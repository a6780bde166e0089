package dev.llmscale.core.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One KEDA trigger of a {@link ThresholdConfig}: a metric, read by name from the {@link
 * Observation}, with its target.
 *
 * @param name the metric's name in the observation (KEDA's trigger or metric name)
 * @param metricType how the HPA turns the metric into replicas (KEDA's {@code metricType})
 * @param threshold the target: per replica for {@code AverageValue}, for the whole service for
 *     {@code Value}. Kubernetes holds it as a quantity with milli precision, so it must be at least
 *     0.001 after rounding
 * @param activationThreshold the object is active while the metric is strictly greater than this
 *     (KEDA's {@code activationThreshold}, default 0)
 */
public record Trigger(
    String name, MetricType metricType, double threshold, double activationThreshold) {

  /** KEDA's {@code metricType}: the HPA's external metric target type. */
  public enum MetricType {
    /** {@code desired = ceil(metric / threshold)}: the metric is a total, the threshold per pod. */
    AVERAGE_VALUE("AverageValue"),
    /**
     * {@code desired = ceil(ready * metric / threshold)}: the threshold is for the metric as is.
     */
    VALUE("Value");

    private final String keda;

    MetricType(String keda) {
      this.keda = keda;
    }

    /** The spelling KEDA and Kubernetes use. */
    public String kedaName() {
      return keda;
    }

    /** Parses {@code AverageValue} or {@code Value}. */
    public static MetricType parse(String text) {
      for (MetricType type : values()) {
        if (type.keda.equals(text)) {
          return type;
        }
      }
      throw new IllegalArgumentException(
          "metricType must be AverageValue or Value, not '" + text + "'");
    }
  }

  public Trigger {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("trigger name is required");
    }
    if (metricType == null) {
      throw new IllegalArgumentException("trigger '" + name + "': metricType is required");
    }
    if (!Double.isFinite(threshold) || toMilli(threshold) < 1) {
      throw new IllegalArgumentException(
          "trigger '"
              + name
              + "': threshold must be >= 0.001 (Kubernetes quantities have milli precision): "
              + threshold);
    }
    if (!Double.isFinite(activationThreshold)) {
      throw new IllegalArgumentException(
          "trigger '" + name + "': activationThreshold must be finite: " + activationThreshold);
    }
  }

  /** An {@code AverageValue} trigger (KEDA's default) without activation threshold. */
  public static Trigger averageValue(String name, double threshold) {
    return new Trigger(name, MetricType.AVERAGE_VALUE, threshold, 0.0);
  }

  /** A {@code Value} trigger without activation threshold. */
  public static Trigger value(String name, double threshold) {
    return new Trigger(name, MetricType.VALUE, threshold, 0.0);
  }

  public Trigger withActivationThreshold(double value) {
    return new Trigger(name, metricType, threshold, value);
  }

  /** The threshold as the HPA sees it, in thousandths. */
  public long thresholdMilli() {
    return toMilli(threshold);
  }

  /**
   * A value as KEDA hands it to the HPA: rounded to three decimals (KEDA formats it with {@code
   * %.3f}), in thousandths; negative values become 0.
   */
  static long toMilli(double value) {
    if (!(value > 0)) {
      return 0;
    }
    if (value > 9.0e15) {
      return Long.MAX_VALUE;
    }
    return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).movePointRight(3).longValue();
  }
}
