package dev.llmscale.autoscaler.config;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one KEDA trigger of type {@code prometheus}. Metadata values are text in KEDA ({@code
 * threshold: "0.3"}); numbers and booleans are accepted too. Connection settings in the metadata
 * ({@code serverAddress}, {@code customHeaders}, {@code timeout}) are handed to the source reader,
 * since one autoscaler reads one source.
 */
final class PrometheusTriggerReader {
  static final String TYPE = "prometheus";

  private static final List<String> TRIGGER_FIELDS =
      List.of("type", "name", "metadata", "metricType", "authenticationRef", "useCachedMetrics");
  private static final List<String> METADATA_FIELDS =
      List.of(
          "serverAddress",
          "query",
          "threshold",
          "activationThreshold",
          "ignoreNullValues",
          "customHeaders",
          "timeout",
          "unsafeSsl",
          "namespace",
          "queryParameters",
          "authModes",
          "awsRegion",
          "identityOwner",
          "metricName");
  private static final List<String> AUTHENTICATION_FIELDS =
      List.of("authModes", "awsRegion", "identityOwner");
  private static final String FROM_ENV = "FromEnv";

  /** A trigger's connection settings, which must agree with the source. */
  record Server(
      ConfigNode metadata,
      String serverAddress,
      Map<String, String> customHeaders,
      Optional<Duration> timeout) {}

  record Read(Trigger trigger, MetricQuery query, Optional<Server> server) {}

  private final Warnings warnings;

  PrometheusTriggerReader(Warnings warnings) {
    this.warnings = warnings;
  }

  /**
   * @param index the trigger's position: KEDA names an unnamed trigger's metric {@code
   *     s<index>-prometheus}
   */
  Read read(ConfigNode trigger, int index) {
    trigger.allowOnly(TRIGGER_FIELDS);
    String type = trigger.field("type").name();
    if (!type.equals(TYPE)) {
      throw trigger
          .field("type")
          .error("trigger type '" + type + "' is not supported; the supported type is " + TYPE);
    }
    String name =
        trigger.field("name").isPresent() ? trigger.field("name").name() : "s" + index + "-" + TYPE;
    Trigger.MetricType metricType =
        trigger.has("metricType")
            ? trigger.field("metricType").parse(Trigger.MetricType::parse)
            : Trigger.MetricType.AVERAGE_VALUE;
    if (trigger.has("authenticationRef")) {
      warnings.ignored(
          trigger.field("authenticationRef"),
          "no TriggerAuthentication is read here; give credentials in source.prometheus"
              + " (bearerToken, bearerTokenFile, username with password or passwordFile)");
    }
    ConfigNode cached = trigger.field("useCachedMetrics");
    if (cached.isPresent() && kedaBool(cached)) {
      throw cached.error(
          "not supported: the HPA here reads every trigger afresh at each sync; remove it or set"
              + " it to false");
    }
    ConfigNode metadata = trigger.field("metadata").requirePresent();
    checkMetadataFields(metadata);
    String query = metadata.field("query").name();
    double threshold = metadata.field("threshold").number();
    double activation = metadata.field("activationThreshold").numberOr(0);
    ConfigNode ignoreNull = metadata.field("ignoreNullValues");
    boolean emptyAsZero = !ignoreNull.isPresent() || kedaBool(ignoreNull);
    Trigger read = trigger.build(() -> new Trigger(name, metricType, threshold, activation));
    return new Read(read, new MetricQuery(name, query, emptyAsZero), server(metadata));
  }

  private void checkMetadataFields(ConfigNode metadata) {
    for (String key : metadata.fieldNames()) {
      ConfigNode value = metadata.field(key);
      if (key.endsWith(FROM_ENV) && key.length() > FROM_ENV.length()) {
        throw value.error(
            "reads the scale target's container environment, which the autoscaler cannot see;"
                + " give "
                + key.substring(0, key.length() - FROM_ENV.length())
                + " itself");
      }
      if (!METADATA_FIELDS.contains(key)) {
        throw value.unknownField(METADATA_FIELDS);
      }
    }
    for (String key : List.of("namespace", "queryParameters")) {
      if (metadata.has(key)) {
        throw metadata
            .field(key)
            .error(
                "not supported: it changes what the query returns and the Prometheus source"
                    + " sends only the query; fold it into the query or the server address");
      }
    }
    ConfigNode unsafe = metadata.field("unsafeSsl");
    if (unsafe.isPresent() && kedaBool(unsafe)) {
      throw unsafe.error("not supported: TLS certificates are always verified");
    }
    for (String key : AUTHENTICATION_FIELDS) {
      if (metadata.has(key)) {
        warnings.ignored(
            metadata.field(key),
            "authentication is configured in source.prometheus, not per trigger");
      }
    }
    if (metadata.has("metricName")) {
      warnings.ignored(
          metadata.field("metricName"), "deprecated in KEDA; the trigger's name names its metric");
    }
  }

  private static Optional<Server> server(ConfigNode metadata) {
    ConfigNode address = metadata.field("serverAddress");
    if (!address.isPresent()) {
      return Optional.empty();
    }
    ConfigNode timeout = metadata.field("timeout");
    return Optional.of(
        new Server(
            metadata,
            address.name(),
            CustomHeaders.read(metadata.field("customHeaders")),
            timeout.isPresent() ? Optional.of(milliseconds(timeout)) : Optional.empty()));
  }

  /** KEDA's trigger {@code timeout} is in milliseconds; a duration with a unit is accepted too. */
  private static Duration milliseconds(ConfigNode timeout) {
    String text = timeout.text().strip();
    if (text.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(text));
    }
    return timeout.duration();
  }

  /** Go's {@code strconv.ParseBool}, as KEDA reads metadata flags. */
  private static boolean kedaBool(ConfigNode node) {
    return switch (node.text().strip()) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw node.expected("true or false");
    };
  }
}
