package dev.llmscale.autoscaler.source;

import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Instant queries against a Prometheus server's {@code /api/v1/query}, sent as KEDA's Prometheus
 * scaler sends them ({@code query}, {@code time} = now in RFC 3339 to the second, the optional
 * {@code namespace}, custom headers, then credentials) and read as it reads them ({@link
 * KedaResult}). Every failure, from a refused connection to a query error, is a failed reading with
 * a one-sentence reason that never contains a secret.
 */
public final class PrometheusMetricSource implements MetricSource {
  private final PrometheusSourceOptions options;
  private final Clock clock;
  private final String queryEndpoint;
  private final HttpClient http;

  public PrometheusMetricSource(PrometheusSourceOptions options) {
    this(options, Clock.systemUTC());
  }

  /**
   * @param clock stamps each query's {@code time} parameter
   */
  public PrometheusMetricSource(PrometheusSourceOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    String base = options.serverAddress().toString();
    this.queryEndpoint =
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query";
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout())
            .build();
  }

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public MetricReading read(MetricQuery query) {
    HttpRequest request;
    try {
      request = request(query);
    } catch (IOException secretUnreadable) {
      return MetricReading.failed(
          "cannot read the credentials for Prometheus: " + secretUnreadable.getMessage());
    }
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> answer =
          response.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return PrometheusResponse.read(
          query, answer.statusCode(), answer.body(), options.credentials());
    } catch (TimeoutException e) {
      response.cancel(true);
      return timedOut();
    } catch (ExecutionException e) {
      return failedRequest(e.getCause());
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return MetricReading.failed("interrupted while querying Prometheus");
    }
  }

  private HttpRequest request(MetricQuery query) throws IOException {
    StringBuilder uri =
        new StringBuilder(queryEndpoint)
            .append("?query=")
            .append(encode(query.expression()))
            .append("&time=")
            .append(
                DateTimeFormatter.ISO_INSTANT.format(
                    clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    options.namespace().ifPresent(namespace -> uri.append("&namespace=").append(encode(namespace)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri.toString())).timeout(options.timeout()).GET();
    options.customHeaders().forEach(request::header);
    Optional<String> authorization = options.credentials().authorization();
    authorization.ifPresent(value -> request.setHeader("Authorization", value));
    return request.build();
  }

  private MetricReading failedRequest(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return timedOut();
    }
    if (cause instanceof ConnectException) {
      // a refused connection comes without any message from java.net.http
      return MetricReading.failed(
          "cannot connect to Prometheus at "
              + options.serverAddress()
              + " ("
              + innermostMessage(cause, "connection refused")
              + ")");
    }
    return MetricReading.failed(
        "the query to Prometheus at "
            + options.serverAddress()
            + " failed: "
            + innermostMessage(cause, cause.getClass().getSimpleName()));
  }

  /** {@code java.net.http} wraps the useful message a level or two down, if it has one. */
  private static String innermostMessage(Throwable error, String otherwise) {
    String message = otherwise;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private MetricReading timedOut() {
    return MetricReading.failed(
        "Prometheus at "
            + options.serverAddress()
            + " did not answer within "
            + format(options.timeout()));
  }

  private static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  @Override
  public String toString() {
    return "PrometheusMetricSource[" + options + "]";
  }
}
