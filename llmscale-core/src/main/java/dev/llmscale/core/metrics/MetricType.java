package dev.llmscale.core.metrics;

import java.util.Locale;

/** The {@code # TYPE} of a metric family in the text exposition format. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  UNTYPED;

  /** The type named as in a {@code # TYPE} line, or null when the word is no type. */
  static MetricType fromExposition(String word) {
    for (MetricType type : values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(word)) {
        return type;
      }
    }
    return null;
  }
}
