package dev.llmscale.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Turns what users write for a replica ({@code http://10.0.0.5:8000}, with or without /v1). */
public final class UpstreamUris {
  private UpstreamUris() {}

  /**
   * The replica's base URI, {@code http://host:port}.
   *
   * @throws IllegalArgumentException with a one-line reason when it is not a usable http URL
   */
  public static URI parse(String text) {
    String trimmed = text.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + text + "': https upstreams are not supported; reach the replica over http");
    }
    if (!scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an http URL with a host (example: http://10.0.0.5:8000)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.isEmpty() && !path.equals("/v1")) {
      throw new IllegalArgumentException(
          "'" + text + "': give the replica's base URL without a path (or with /v1)");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    String host = uri.getHost();
    return URI.create("http://" + host + ":" + port);
  }
}
