package dev.llmscale.autoscaler.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code source.prometheus}: instant PromQL queries against a Prometheus server's HTTP API. Field
 * names are KEDA's Prometheus scaler's where it has one.
 *
 * @param serverAddress the server's base URL ({@code http://127.0.0.1:9090}); queries go to {@code
 *     <serverAddress>/api/v1/query}
 * @param timeout limit for one query (default 3 s, KEDA's default HTTP timeout)
 * @param bearerToken sent as {@code Authorization: Bearer <token>}
 * @param bearerTokenFile a file holding the token, read again at every poll (projected service
 *     account tokens rotate)
 * @param username basic authentication, with {@code password} or {@code passwordFile}
 * @param password basic authentication password
 * @param passwordFile a file holding the password, read again at every poll
 * @param customHeaders headers added to every query ({@code X-Scope-OrgID} for Cortex, Mimir,
 *     Thanos tenants)
 */
public record PrometheusSourceSpec(
    URI serverAddress,
    Duration timeout,
    Optional<String> bearerToken,
    Optional<Path> bearerTokenFile,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> passwordFile,
    Map<String, String> customHeaders)
    implements SourceSpec {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  public PrometheusSourceSpec {
    if (serverAddress == null
        || !("http".equals(serverAddress.getScheme()) || "https".equals(serverAddress.getScheme()))
        || serverAddress.getHost() == null) {
      throw new IllegalArgumentException(
          "serverAddress must be an http:// or https:// URL with a host, such as"
              + " http://127.0.0.1:9090: "
              + serverAddress);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    if (bearerToken.isPresent() && bearerTokenFile.isPresent()) {
      throw new IllegalArgumentException("give bearerToken or bearerTokenFile, not both");
    }
    boolean bearer = bearerToken.isPresent() || bearerTokenFile.isPresent();
    boolean anyPassword = password.isPresent() || passwordFile.isPresent();
    if (bearer && (username.isPresent() || anyPassword)) {
      throw new IllegalArgumentException(
          "give a bearer token or basic authentication (username), not both");
    }
    if (anyPassword && username.isEmpty()) {
      throw new IllegalArgumentException("a password needs a username");
    }
    if (username.isPresent() && password.isPresent() == passwordFile.isPresent()) {
      throw new IllegalArgumentException(
          "username '" + username.get() + "' needs exactly one of password or passwordFile");
    }
    customHeaders = Map.copyOf(customHeaders);
  }

  /** A server without authentication or headers, with the default timeout. */
  public static PrometheusSourceSpec of(URI serverAddress) {
    return new PrometheusSourceSpec(
        serverAddress,
        DEFAULT_TIMEOUT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  /** Keeps secrets out of logs. */
  @Override
  public String toString() {
    return "PrometheusSourceSpec[serverAddress="
        + serverAddress
        + ", timeout="
        + timeout
        + ", bearerToken="
        + bearerToken.map(secret -> "***")
        + ", bearerTokenFile="
        + bearerTokenFile
        + ", username="
        + username
        + ", password="
        + password.map(secret -> "***")
        + ", passwordFile="
        + passwordFile
        + ", customHeaders="
        + customHeaders.keySet()
        + "]";
  }
}
