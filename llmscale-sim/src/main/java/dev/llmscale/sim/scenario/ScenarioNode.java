package dev.llmscale.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a scenario file with its field path ({@code fleet.nodePool.maxNodes}), so every
 * error names the field. An absent node (missing or {@code null}) gives the default a typed reader
 * is handed, or fails with "is required".
 */
final class ScenarioNode {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private final String source;
  private final String path;
  private final JsonNode value;

  private ScenarioNode(String source, String path, JsonNode value) {
    this.source = source;
    this.path = path;
    this.value = value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  static ScenarioNode root(String source, JsonNode value) {
    return new ScenarioNode(source, "", value);
  }

  String path() {
    return path.isEmpty() ? "(top level)" : path;
  }

  boolean isPresent() {
    return value != null;
  }

  boolean isMapping() {
    return value != null && value.isObject();
  }

  boolean has(String name) {
    return isMapping() && value.has(name) && !value.get(name).isNull();
  }

  ScenarioNode field(String name) {
    if (value != null && !value.isObject()) {
      throw error("must be a mapping of fields");
    }
    String child = path.isEmpty() ? name : path + "." + name;
    return new ScenarioNode(source, child, value == null ? null : value.get(name));
  }

  /** Rejects any field of this mapping not in {@code allowed}, naming the first unknown one. */
  ScenarioNode allowOnly(String... allowed) {
    if (value == null) {
      return this;
    }
    if (!value.isObject()) {
      throw error("must be a mapping of fields");
    }
    Set<String> known = Set.of(allowed);
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        String where = path.isEmpty() ? name : path + "." + name;
        throw new ScenarioException(
            source
                + ": "
                + where
                + ": unknown field (known here: "
                + String.join(", ", allowed)
                + ")");
      }
    }
    return this;
  }

  List<ScenarioNode> elements() {
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw error("must be a list");
    }
    List<ScenarioNode> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      elements.add(new ScenarioNode(source, path + "[" + i + "]", value.get(i)));
    }
    return elements;
  }

  String text() {
    requirePresent();
    if (!value.isValueNode()) {
      throw error("must be a single value");
    }
    return value.asText();
  }

  String textOr(String fallback) {
    return value == null ? fallback : text();
  }

  double number() {
    requirePresent();
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.asText().strip());
      } catch (NumberFormatException e) {
        throw error("must be a number, not '" + value.asText() + "'");
      }
    }
    throw error("must be a number");
  }

  double numberOr(double fallback) {
    return value == null ? fallback : number();
  }

  int integer() {
    double number = number();
    if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
      throw error("must be a whole number, not " + value.asText());
    }
    return (int) number;
  }

  int integerOr(int fallback) {
    return value == null ? fallback : integer();
  }

  boolean bool() {
    requirePresent();
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    throw error("must be true or false");
  }

  boolean boolOr(boolean fallback) {
    return value == null ? fallback : bool();
  }

  /** A duration written {@code 90s}, {@code 1m30s}, {@code 250ms}, {@code 2h}, or as seconds. */
  long nanos() {
    requirePresent();
    if (value.isNumber()) {
      return requireNonNegative(Math.round(value.asDouble() * 1e9));
    }
    if (!value.isTextual()) {
      throw error("must be a duration such as 90s, 3m, 250ms");
    }
    String text = value.asText().strip();
    if (text.matches("\\d+(\\.\\d+)?")) {
      return Math.round(Double.parseDouble(text) * 1e9);
    }
    Matcher part = DURATION_PART.matcher(text);
    double nanos = 0;
    int end = 0;
    while (part.find() && part.start() == end) {
      double unit =
          switch (part.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 86_400e9;
          };
      nanos += Double.parseDouble(part.group(1)) * unit;
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      throw error("'" + text + "' is not a duration (examples: 90s, 1m30s, 250ms, 2h)");
    }
    return Math.round(nanos);
  }

  long nanosOr(long fallback) {
    return value == null ? fallback : nanos();
  }

  /** One of {@code choices}, case-insensitive; returned in lower case. */
  String choice(String fallback, String... choices) {
    String text = textOr(fallback).strip().toLowerCase(Locale.ROOT);
    for (String choice : choices) {
      if (choice.equals(text)) {
        return text;
      }
    }
    throw error("must be one of " + String.join(", ", choices) + ", not '" + text + "'");
  }

  ScenarioNode requirePresent() {
    if (value == null) {
      throw error("is required");
    }
    return this;
  }

  ScenarioException error(String message) {
    return new ScenarioException(source + ": " + path() + ": " + message);
  }

  /** Wraps a validation failure of a value built from this node. */
  ScenarioException error(IllegalArgumentException cause) {
    return new ScenarioException(source + ": " + path() + ": " + cause.getMessage(), cause);
  }

  private long requireNonNegative(long nanos) {
    if (nanos < 0) {
      throw error("must not be negative");
    }
    return nanos;
  }
}
