package dev.llmscale.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as people write them: {@code 90s}, {@code 1m30s}, {@code 250ms}, or seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String text = value.trim();
    if (text.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
    }
    Matcher part = PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      double amount = Double.parseDouble(part.group(1));
      double unitNanos =
          switch (part.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
          };
      nanos += Math.round(amount * unitNanos);
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (examples: 90s, 1m30s, 250ms, 2.5)");
    }
    return Duration.ofNanos(nanos);
  }
}
