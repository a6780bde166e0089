package dev.llmscale.autoscaler.source;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how {@link PrometheusMetricSource} queries, named after KEDA's Prometheus trigger.
 *
 * @param serverAddress the server's base URL ({@code http://prometheus:9090}, or with a path prefix
 *     such as {@code http://thanos/prometheus}); queries go to {@code <serverAddress>/api/v1/query}
 * @param timeout limit for one query, connection included
 * @param credentials {@code Authorization} to send
 * @param customHeaders sent with every query (such as {@code X-Scope-OrgID} for Cortex, Mimir and
 *     Thanos tenants); credentials override a custom {@code Authorization}
 * @param namespace KEDA's {@code namespace}: sent as the {@code namespace} query parameter, for
 *     namespaced queriers such as Thanos's {@code prom-label-proxy}
 */
public record PrometheusSourceOptions(
    URI serverAddress,
    Duration timeout,
    Credentials credentials,
    Map<String, String> customHeaders,
    Optional<String> namespace) {

  /** KEDA's default HTTP timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** Headers {@code java.net.http} sets itself and refuses to take from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  public PrometheusSourceOptions {
    Objects.requireNonNull(serverAddress, "serverAddress");
    if (!("http".equals(serverAddress.getScheme()) || "https".equals(serverAddress.getScheme()))
        || serverAddress.getHost() == null) {
      throw new IllegalArgumentException(
          "serverAddress must be an http:// or https:// URL with a host, such as"
              + " http://127.0.0.1:9090: "
              + serverAddress);
    }
    if (serverAddress.getRawQuery() != null || serverAddress.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "serverAddress must not carry a query or fragment: " + serverAddress);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    Objects.requireNonNull(credentials, "credentials");
    customHeaders = Map.copyOf(customHeaders);
    for (String name : customHeaders.keySet()) {
      if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("custom header '" + name + "' cannot be set");
      }
    }
    Objects.requireNonNull(namespace, "namespace");
  }

  /** A server without credentials, headers or namespace, with KEDA's default timeout. */
  public static PrometheusSourceOptions of(URI serverAddress) {
    return new PrometheusSourceOptions(
        serverAddress, DEFAULT_TIMEOUT, Credentials.NONE, Map.of(), Optional.empty());
  }

  public PrometheusSourceOptions withTimeout(Duration timeout) {
    return new PrometheusSourceOptions(
        serverAddress, timeout, credentials, customHeaders, namespace);
  }

  public PrometheusSourceOptions withCredentials(Credentials credentials) {
    return new PrometheusSourceOptions(
        serverAddress, timeout, credentials, customHeaders, namespace);
  }

  public PrometheusSourceOptions withCustomHeaders(Map<String, String> customHeaders) {
    return new PrometheusSourceOptions(
        serverAddress, timeout, credentials, customHeaders, namespace);
  }

  public PrometheusSourceOptions withNamespace(String namespace) {
    return new PrometheusSourceOptions(
        serverAddress, timeout, credentials, customHeaders, Optional.of(namespace));
  }

  /** Header values may be secrets too: only their names are shown. */
  @Override
  public String toString() {
    return "PrometheusSourceOptions[serverAddress="
        + serverAddress
        + ", timeout="
        + timeout
        + ", credentials="
        + credentials
        + ", customHeaders="
        + customHeaders.keySet()
        + ", namespace="
        + namespace
        + "]";
  }
}
