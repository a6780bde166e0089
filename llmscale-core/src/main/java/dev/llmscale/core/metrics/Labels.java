package dev.llmscale.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identity of one series: label names and values sorted by name, the metric name under {@value
 * #METRIC_NAME}. As in Prometheus, an empty value is the same as no label at all, so {@link #get}
 * answers {@code ""} for a label the series does not have and the builder drops empty values.
 */
public final class Labels implements Comparable<Labels> {
  /** The label that holds the metric name. */
  public static final String METRIC_NAME = "__name__";

  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  /** A series of {@code metricName} with the given name/value pairs. */
  public static Labels metric(String metricName, String... nameValuePairs) {
    return builder().set(METRIC_NAME, metricName).setAll(nameValuePairs).build();
  }

  /** Labels from name/value pairs: {@code of("job", "api", "instance", "a:80")}. */
  public static Labels of(String... nameValuePairs) {
    return builder().setAll(nameValuePairs).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The value of {@code name}, or {@code ""} when the series has no such label. */
  public String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : "";
  }

  public String metricName() {
    return get(METRIC_NAME);
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  /** The name of the {@code i}-th label in name order. */
  public String name(int i) {
    return names[i];
  }

  /** The value of the {@code i}-th label in name order. */
  public String value(int i) {
    return values[i];
  }

  public Labels withoutMetricName() {
    return Arrays.binarySearch(names, METRIC_NAME) < 0 ? this : without(List.of(METRIC_NAME));
  }

  /** Only the labels named in {@code keep}. */
  public Labels keep(Collection<String> keep) {
    Builder kept = builder();
    for (int i = 0; i < names.length; i++) {
      if (keep.contains(names[i])) {
        kept.set(names[i], values[i]);
      }
    }
    return kept.build();
  }

  /** All labels but those named in {@code drop}. */
  public Labels without(Collection<String> drop) {
    Builder kept = builder();
    for (int i = 0; i < names.length; i++) {
      if (!drop.contains(names[i])) {
        kept.set(names[i], values[i]);
      }
    }
    return kept.build();
  }

  /** A copy with {@code name} set to {@code value}; an empty value removes the label. */
  public Labels with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  public Builder toBuilder() {
    Builder builder = builder();
    for (int i = 0; i < names.length; i++) {
      builder.set(names[i], values[i]);
    }
    return builder;
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }

  @Override
  public int compareTo(Labels other) {
    int common = Math.min(names.length, other.names.length);
    for (int i = 0; i < common; i++) {
      int byName = names[i].compareTo(other.names[i]);
      if (byName != 0) {
        return byName;
      }
      int byValue = values[i].compareTo(other.values[i]);
      if (byValue != 0) {
        return byValue;
      }
    }
    return Integer.compare(names.length, other.names.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other
        && hash == other.hash
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Prometheus's notation: {@code metric{a="1", b="2"}}, values escaped. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(metricName()).append('{');
    String separator = "";
    for (int i = 0; i < names.length; i++) {
      if (!names[i].equals(METRIC_NAME)) {
        out.append(separator).append(names[i]).append("=\"").append(escape(values[i])).append('"');
        separator = ", ";
      }
    }
    return out.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Collects labels in any order; a later value for the same name replaces the earlier one. */
  public static final class Builder {
    private final TreeMap<String, String> labels = new TreeMap<>();

    private Builder() {}

    public Builder set(String name, String value) {
      Objects.requireNonNull(name, "label name");
      Objects.requireNonNull(value, "label value");
      if (value.isEmpty()) {
        labels.remove(name);
      } else {
        labels.put(name, value);
      }
      return this;
    }

    public Builder setAll(String... nameValuePairs) {
      if (nameValuePairs.length % 2 != 0) {
        throw new IllegalArgumentException(
            "labels come in name/value pairs: " + Arrays.toString(nameValuePairs));
      }
      for (int i = 0; i < nameValuePairs.length; i += 2) {
        set(nameValuePairs[i], nameValuePairs[i + 1]);
      }
      return this;
    }

    public Builder remove(String name) {
      labels.remove(name);
      return this;
    }

    public boolean has(String name) {
      return labels.containsKey(name);
    }

    public Labels build() {
      if (labels.isEmpty()) {
        return EMPTY;
      }
      List<String> names = new ArrayList<>(labels.keySet());
      return new Labels(names.toArray(String[]::new), labels.values().toArray(String[]::new));
    }
  }
}
