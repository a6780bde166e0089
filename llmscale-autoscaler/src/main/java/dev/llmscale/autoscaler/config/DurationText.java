package dev.llmscale.autoscaler.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code 250ms}, {@code 30s}, {@code 5m}, {@code
 * 1h}, combinations such as {@code 1m30s}, or a bare number of seconds ({@code 2.5}).
 */
final class DurationText {
  static final String EXAMPLES = "250ms, 30s, 5m, 1h, 1m30s, or seconds as a number";

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException if {@code text} is not a duration
   */
  static Duration parse(String text) {
    String value = text.strip();
    if (SECONDS.matcher(value).matches()) {
      return ofSeconds(new BigDecimal(value));
    }
    Matcher part = PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      BigDecimal amount = new BigDecimal(part.group(1));
      BigDecimal unitSeconds =
          switch (part.group(2)) {
            case "ms" -> new BigDecimal("0.001");
            case "s" -> BigDecimal.ONE;
            case "m" -> BigDecimal.valueOf(60);
            default -> BigDecimal.valueOf(3600);
          };
      total = total.plus(ofSeconds(amount.multiply(unitSeconds)));
      end = part.end();
    }
    if (end == 0 || end != value.length()) {
      throw new IllegalArgumentException(
          "expected a duration such as " + EXAMPLES + ", found '" + text + "'");
    }
    return total;
  }

  /** A number of seconds, to the nanosecond. */
  static Duration ofSeconds(BigDecimal seconds) {
    return Duration.ofNanos(
        seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
  }

  /**
   * The duration in its largest exact unit ({@code 90s}, {@code 5m}, {@code 250ms}): the form
   * messages show and PromQL range selectors accept.
   */
  static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos != 0 && nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos != 0 && nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
  }
}
