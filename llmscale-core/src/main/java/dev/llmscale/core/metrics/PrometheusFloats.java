package dev.llmscale.core.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Floats as Prometheus writes and reads them (Go's {@code strconv.ParseFloat} in decimal form):
 * {@code 1}, {@code -2.5e-3}, {@code +Inf}, {@code -Inf}, {@code NaN}, case-insensitive {@code
 * inf}, {@code infinity} and unsigned {@code nan}. Unlike {@link Double#parseDouble} it rejects
 * Java's own forms ({@code Infinity} is accepted, but {@code 1d}, {@code 0x1p3} and surrounding
 * blanks are not) and values out of range.
 */
public final class PrometheusFloats {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private PrometheusFloats() {}

  /**
   * @throws NumberFormatException when {@code text} is no float in Prometheus's notation
   */
  public static double parse(String text) {
    String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    boolean negative = text.startsWith("-");
    String word = unsigned.toLowerCase(Locale.ROOT);
    if (word.equals("inf") || word.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (text.equalsIgnoreCase("nan")) { // Go reads no sign before NaN
      return Double.NaN;
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException("not a number: '" + text + "'");
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new NumberFormatException("out of range: '" + text + "'");
    }
    return value;
  }

  /** {@code +Inf}, {@code -Inf}, {@code NaN}, or the shortest decimal that reads back exactly. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
