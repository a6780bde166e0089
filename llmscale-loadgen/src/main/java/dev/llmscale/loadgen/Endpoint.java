package dev.llmscale.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how requests go: an OpenAI-compatible server, the API, streaming or not, and what every
 * request body carries besides the prompt.
 *
 * @param baseUri the server's root ({@code http://host:port}, optionally with a path prefix); a
 *     trailing {@code /v1} is dropped, so both spellings users copy work
 * @param api chat or completions
 * @param streaming request SSE streaming ({@code "stream": true}, with {@code
 *     stream_options.include_usage})
 * @param apiKey sent as {@code Authorization: Bearer}, if set
 * @param model the {@code model} field
 * @param ignoreEos send vLLM's {@code "ignore_eos": true} so outputs reach {@code max_tokens}
 * @param extraBody further top-level fields merged into every request body (they win)
 * @param timeouts client-side limits
 */
public record Endpoint(
    URI baseUri,
    ApiKind api,
    boolean streaming,
    Optional<String> apiKey,
    String model,
    boolean ignoreEos,
    Map<String, Object> extraBody,
    ClientTimeouts timeouts) {

  public Endpoint {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeouts, "timeouts");
    baseUri = normalize(baseUri);
    extraBody = Map.copyOf(extraBody);
  }

  /** The request path of {@link #api()}, below any path prefix of the base URI. */
  public String requestPath() {
    return prefix() + api.path();
  }

  /** Path of another route below the same root, e.g. {@code /v1/models}. */
  public String path(String route) {
    return prefix() + route;
  }

  public String host() {
    return baseUri.getHost();
  }

  public int port() {
    if (baseUri.getPort() > 0) {
      return baseUri.getPort();
    }
    return secure() ? 443 : 80;
  }

  public boolean secure() {
    return "https".equals(baseUri.getScheme());
  }

  /** The {@code Host} header value. */
  public String hostHeader() {
    return baseUri.getPort() > 0 ? baseUri.getHost() + ":" + baseUri.getPort() : baseUri.getHost();
  }

  public Endpoint withModel(String name) {
    return new Endpoint(baseUri, api, streaming, apiKey, name, ignoreEos, extraBody, timeouts);
  }

  public Endpoint withStreaming(boolean value) {
    return new Endpoint(baseUri, api, value, apiKey, model, ignoreEos, extraBody, timeouts);
  }

  private String prefix() {
    String path = baseUri.getPath();
    return path == null ? "" : path;
  }

  static URI normalize(URI uri) {
    Objects.requireNonNull(uri, "baseUri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL must start with http:// or https://: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL has no host: " + uri);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/v1")) {
      path = path.substring(0, path.length() - 3);
    }
    return URI.create(
        scheme
            + "://"
            + (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost())
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + path);
  }

  /** Client-side limits; a request that passes one is an error of kind {@code timeout}. */
  public record ClientTimeouts(Duration connect, Duration request, Optional<Duration> firstToken) {
    public static final ClientTimeouts DEFAULT =
        new ClientTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(10), Optional.empty());

    public ClientTimeouts {
      for (Duration d : new Duration[] {connect, request, firstToken.orElse(request)}) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be > 0: " + d);
        }
      }
    }
  }
}
