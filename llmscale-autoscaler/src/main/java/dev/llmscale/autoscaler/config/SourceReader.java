package dev.llmscale.autoscaler.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code source}. Without one, a threshold policy whose triggers name a {@code serverAddress}
 * (as every KEDA Prometheus trigger does) reads that server; with one, the triggers' connection
 * settings are ignored in its favour, since one autoscaler reads one source.
 */
final class SourceReader {
  private static final List<String> FIELDS = List.of("prometheus", "scrape");
  private static final List<String> PROMETHEUS_FIELDS =
      List.of(
          "serverAddress",
          "timeout",
          "bearerToken",
          "bearerTokenFile",
          "username",
          "password",
          "passwordFile",
          "customHeaders");
  private static final List<String> SCRAPE_FIELDS =
      List.of("targets", "interval", "timeout", "retention");

  private final Warnings warnings;

  SourceReader(Warnings warnings) {
    this.warnings = warnings;
  }

  /**
   * @param servers the connection settings the threshold policy's triggers carry
   */
  SourceSpec read(ConfigNode source, List<PrometheusTriggerReader.Server> servers) {
    if (!source.isPresent()) {
      if (servers.isEmpty()) {
        throw source.error(
            "missing (required): give source.prometheus (a Prometheus server) or source.scrape"
                + " (scrape /metrics directly)");
      }
      return fromTriggers(source, servers);
    }
    source.allowOnly(FIELDS);
    boolean prometheus = source.has("prometheus");
    if (prometheus == source.has("scrape")) {
      throw source.error(
          "give exactly one of prometheus or scrape, found " + (prometheus ? "both" : "neither"));
    }
    SourceSpec spec =
        prometheus ? prometheus(source.field("prometheus")) : scrape(source.field("scrape"));
    for (PrometheusTriggerReader.Server server : servers) {
      warnings.ignored(
          server.metadata().field("serverAddress"),
          prometheus
              ? "source.prometheus is read instead"
              : "metrics are scraped (source.scrape) instead");
    }
    return spec;
  }

  /** The server the triggers name; they must all name the same. */
  private static SourceSpec fromTriggers(
      ConfigNode source, List<PrometheusTriggerReader.Server> servers) {
    PrometheusTriggerReader.Server first = servers.get(0);
    for (PrometheusTriggerReader.Server other : servers.subList(1, servers.size())) {
      if (!other.serverAddress().equals(first.serverAddress())
          || !other.customHeaders().equals(first.customHeaders())
          || !other.timeout().equals(first.timeout())) {
        throw other
            .metadata()
            .error(
                "serverAddress, customHeaders and timeout differ from "
                    + first.metadata().path()
                    + "'s; one autoscaler reads one Prometheus: give it in source.prometheus");
      }
    }
    ConfigNode address = first.metadata().field("serverAddress");
    URI serverAddress = address.parse(SourceReader::serverAddress);
    Duration timeout = first.timeout().orElse(PrometheusSourceSpec.DEFAULT_TIMEOUT);
    return first
        .metadata()
        .build(
            () ->
                new PrometheusSourceSpec(
                    serverAddress,
                    timeout,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    first.customHeaders()));
  }

  private static PrometheusSourceSpec prometheus(ConfigNode node) {
    node.allowOnly(PROMETHEUS_FIELDS);
    URI serverAddress = node.field("serverAddress").parse(SourceReader::serverAddress);
    Duration timeout = node.field("timeout").durationOr(PrometheusSourceSpec.DEFAULT_TIMEOUT);
    Optional<String> bearerToken = node.field("bearerToken").optionalText();
    Optional<Path> bearerTokenFile = node.field("bearerTokenFile").optionalReadableFile();
    Optional<String> username = node.field("username").optionalText();
    Optional<String> password = node.field("password").optionalText();
    Optional<Path> passwordFile = node.field("passwordFile").optionalReadableFile();
    Map<String, String> headers = CustomHeaders.read(node.field("customHeaders"));
    return node.build(
        () ->
            new PrometheusSourceSpec(
                serverAddress,
                timeout,
                bearerToken,
                bearerTokenFile,
                username,
                password,
                passwordFile,
                headers));
  }

  private static ScrapeSourceSpec scrape(ConfigNode node) {
    node.allowOnly(SCRAPE_FIELDS);
    List<ConfigNode> targetNodes = node.field("targets").requirePresent().elements();
    List<URI> targets = new ArrayList<>();
    for (ConfigNode target : targetNodes) {
      targets.add(target.parse(SourceReader::metricsUrl));
    }
    Duration interval = node.field("interval").durationOr(ScrapeSourceSpec.DEFAULT_INTERVAL);
    Duration timeout = node.field("timeout").durationOr(ScrapeSourceSpec.DEFAULT_TIMEOUT);
    Duration retention = node.field("retention").durationOr(ScrapeSourceSpec.DEFAULT_RETENTION);
    return node.build(() -> new ScrapeSourceSpec(targets, interval, timeout, retention));
  }

  static URI uri(String text) {
    try {
      URI uri = new URI(text.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "expected an http:// or https:// URL with a host, found '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")", e);
    }
  }

  /** The server's base URL, without trailing slashes: queries append {@code /api/v1/query}. */
  private static URI serverAddress(String text) {
    return uri(text.strip().replaceAll("/+$", ""));
  }

  /** A URL without a path scrapes {@code /metrics}, as Prometheus does. */
  private static URI metricsUrl(String text) {
    URI uri = uri(text);
    return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/metrics") : uri;
  }
}
