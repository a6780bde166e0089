package dev.llmscale.core.metrics.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL durations: units from {@code y} down to {@code ms}, each once, largest first. */
final class Durations {
  private static final Pattern DURATION =
      Pattern.compile(
          "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?"
              + "(?:([0-9]+)s)?(?:([0-9]+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
  };

  private Durations() {}

  static boolean isUnit(char c) {
    return "smhdwy".indexOf(c) >= 0;
  }

  /**
   * @return milliseconds, or -1 when {@code text} is no duration
   */
  static long parseMillis(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      return -1;
    }
    long millis = 0;
    for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
      String count = matcher.group(unit + 1);
      if (count != null) {
        millis =
            Math.addExact(millis, Math.multiplyExact(Long.parseLong(count), UNIT_MILLIS[unit]));
      }
    }
    return millis;
  }
}
