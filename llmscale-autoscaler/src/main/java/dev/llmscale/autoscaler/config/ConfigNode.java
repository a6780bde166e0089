package dev.llmscale.autoscaler.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmscale.core.catalog.CatalogException;
import dev.llmscale.core.perf.ProfileFormatException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One value of a parsed configuration file together with its field path ({@code
 * scaledObject.triggers[0].metadata.threshold}), so that every error can say where it is. A node
 * may be absent (the field is missing or {@code null}); the typed readers then either fail with
 * "missing" or return the default they are given.
 */
final class ConfigNode {
  private static final int MAX_SHOWN = 60;

  private final ConfigFile file;
  private final String path;
  private final JsonNode value;

  private ConfigNode(ConfigFile file, String path, JsonNode value) {
    this.file = file;
    this.path = path;
    this.value = value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  static ConfigNode root(ConfigFile file, JsonNode value) {
    return new ConfigNode(file, "", value);
  }

  ConfigFile file() {
    return file;
  }

  String path() {
    return path;
  }

  boolean isPresent() {
    return value != null;
  }

  boolean isMapping() {
    return value != null && value.isObject();
  }

  boolean isText() {
    return value != null && value.isTextual();
  }

  /** The child {@code name} of this mapping (absent if this node is). */
  ConfigNode field(String name) {
    JsonNode child = value == null ? null : requireMapping().get(name);
    return new ConfigNode(file, path.isEmpty() ? name : path + "." + name, child);
  }

  /** An absent child {@code name}: a setting the file does not give here. */
  ConfigNode absent(String name) {
    return new ConfigNode(file, path.isEmpty() ? name : path + "." + name, null);
  }

  boolean has(String name) {
    return field(name).isPresent();
  }

  /** The names of this mapping's fields, in file order; none if absent. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    if (value != null) {
      requireMapping().fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  /** This mapping's fields in file order; empty if absent. */
  Map<String, ConfigNode> fields() {
    Map<String, ConfigNode> fields = new LinkedHashMap<>();
    for (String name : fieldNames()) {
      fields.put(name, field(name));
    }
    return fields;
  }

  /** Fails on the first field not in {@code known}, suggesting the known name meant. */
  ConfigNode allowOnly(Collection<String> known) {
    for (String name : fieldNames()) {
      if (!known.contains(name)) {
        throw field(name).unknownField(known);
      }
    }
    return this;
  }

  ConfigException unknownField(Collection<String> known) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    return error(
        NameSuggestion.closest(name, known)
            .map(suggestion -> "unknown field; did you mean '" + suggestion + "'?")
            .orElseGet(() -> "unknown field; expected one of: " + String.join(", ", known)));
  }

  /** The elements of this list; none if absent. */
  List<ConfigNode> elements() {
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw expected("a list");
    }
    List<ConfigNode> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      elements.add(new ConfigNode(file, path + "[" + i + "]", value.get(i)));
    }
    return elements;
  }

  ConfigNode requirePresent() {
    if (value == null) {
      throw error("missing (required)");
    }
    return this;
  }

  String text() {
    requirePresent();
    if (!value.isValueNode()) {
      throw expected("text");
    }
    return value.asText();
  }

  Optional<String> optionalText() {
    return value == null ? Optional.empty() : Optional.of(text());
  }

  String textOr(String fallback) {
    return value == null ? fallback : text();
  }

  /** Non-blank text. */
  String name() {
    String text = text();
    if (text.isBlank()) {
      throw error("must not be empty");
    }
    return text.strip();
  }

  int integer() {
    requirePresent();
    if (!value.isNumber() || !value.canConvertToExactIntegral()) {
      throw expected("a whole number");
    }
    if (!value.canConvertToInt()) {
      throw error("too large: " + value.asText());
    }
    return value.intValue();
  }

  int integerOr(int fallback) {
    return value == null ? fallback : integer();
  }

  OptionalInt optionalInteger() {
    return value == null ? OptionalInt.empty() : OptionalInt.of(integer());
  }

  /**
   * Whole seconds, as KEDA and the HPA take them ({@code pollingInterval: 30}); a duration with a
   * unit is refused with the number to write instead.
   */
  int seconds() {
    requirePresent();
    if (value.isTextual()) {
      String hint = "";
      try {
        Duration written = DurationText.parse(value.asText());
        if (written.toNanos() % 1_000_000_000L == 0) {
          hint = " (write " + written.toSeconds() + ")";
        }
      } catch (IllegalArgumentException notADuration) {
        // no hint to give
      }
      throw error(
          "expected whole seconds as a number, as KEDA takes them, found " + shown() + hint);
    }
    return integer();
  }

  int secondsOr(int fallback) {
    return value == null ? fallback : seconds();
  }

  /** A finite number; text holding one is accepted too ({@code "0.3"}). */
  double number() {
    requirePresent();
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        double parsed = Double.parseDouble(value.asText().strip());
        if (Double.isFinite(parsed)) {
          return parsed;
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
    }
    throw expected("a number");
  }

  double numberOr(double fallback) {
    return value == null ? fallback : number();
  }

  boolean bool() {
    requirePresent();
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      switch (value.asText().strip()) {
        case "true", "True", "TRUE" -> {
          return true;
        }
        case "false", "False", "FALSE" -> {
          return false;
        }
        default -> {}
      }
    }
    throw expected("true or false");
  }

  boolean boolOr(boolean fallback) {
    return value == null ? fallback : bool();
  }

  /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a number of seconds. */
  Duration duration() {
    requirePresent();
    if (value.isNumber()) {
      BigDecimal seconds = value.decimalValue();
      if (seconds.signum() < 0) {
        throw error("must not be negative, found " + shown());
      }
      return DurationText.ofSeconds(seconds);
    }
    if (!value.isTextual()) {
      throw expected("a duration such as " + DurationText.EXAMPLES);
    }
    return parse(DurationText::parse);
  }

  Duration durationOr(Duration fallback) {
    return value == null ? fallback : duration();
  }

  /** A file path; relative ones are taken from the configuration file's directory. */
  Path filePath() {
    return parse(file::resolve);
  }

  Optional<Path> optionalFilePath() {
    return value == null ? Optional.empty() : Optional.of(filePath());
  }

  /** A file that must be readable now: one missing at start is a typo, not a race. */
  Optional<Path> optionalReadableFile() {
    Optional<Path> file = optionalFilePath();
    if (file.isPresent() && !Files.isReadable(file.get())) {
      throw error("cannot read " + file.get() + " (missing or not readable)");
    }
    return file;
  }

  /** This node's text through {@code parser}; its IllegalArgumentException names this field. */
  <T> T parse(Function<String, T> parser) {
    String text = text();
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /**
   * Runs a constructor that validates (core's records do): its IllegalArgumentException, or a
   * catalog or profile error, becomes an error at this node.
   */
  <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | CatalogException | ProfileFormatException e) {
      throw error(e.getMessage());
    }
  }

  /** {@code <file>: <path>: <message>}. */
  ConfigException error(String message) {
    return new ConfigException(file.name() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** {@code <file>: <path>: <message>}, for the warning list. */
  String warning(String message) {
    return file.name() + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }

  ConfigException expected(String what) {
    return error("expected " + what + ", found " + shown());
  }

  /** The value as messages show it: quoted text, a number, or the kind of node. */
  String shown() {
    if (value == null) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    String text = value.asText().replace("\n", "\\n");
    if (text.length() > MAX_SHOWN) {
      text = text.substring(0, MAX_SHOWN) + "...";
    }
    return value.isTextual() ? "'" + text + "'" : text;
  }

  private JsonNode requireMapping() {
    if (!value.isObject()) {
      throw expected("a mapping");
    }
    return value;
  }
}
