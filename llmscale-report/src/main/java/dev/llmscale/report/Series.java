package dev.llmscale.report;

import java.util.Arrays;

/**
 * One line of a {@link TimeChart}: points in time order.
 *
 * @param name shown in the legend
 * @param x times, in the chart's unit (seconds since the start of the run)
 * @param y values; NaN leaves a gap (no data)
 * @param style how the points are joined
 */
public record Series(String name, double[] x, double[] y, Style style) {

  /** How a series is drawn. */
  public enum Style {
    /** Straight segments between points: rates, latencies. */
    LINE,
    /** Holds each value until the next point: counts such as replicas. */
    STEP,
    /** A dashed straight line: targets, forecasts. */
    DASHED
  }

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': " + x.length + " times but " + y.length + " values");
    }
    for (int i = 1; i < x.length; i++) {
      if (x[i] < x[i - 1]) {
        throw new IllegalArgumentException("series '" + name + "': times must not decrease");
      }
    }
    x = x.clone();
    y = y.clone();
  }

  public static Series line(String name, double[] x, double[] y) {
    return new Series(name, x, y, Style.LINE);
  }

  public static Series step(String name, double[] x, double[] y) {
    return new Series(name, x, y, Style.STEP);
  }

  public static Series dashed(String name, double[] x, double[] y) {
    return new Series(name, x, y, Style.DASHED);
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  int size() {
    return x.length;
  }

  double xAt(int i) {
    return x[i];
  }

  double yAt(int i) {
    return y[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s
        && s.name.equals(name)
        && s.style == style
        && Arrays.equals(s.x, x)
        && Arrays.equals(s.y, y);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + x.length + " points, " + style + "]";
  }
}
