package dev.llmscale.autoscaler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Prometheus source against a scripted loopback server: KEDA's result handling
 * (prometheus_scaler.go) case by case, error answers, and the exact request it sends.
 */
class PrometheusMetricSourceTest {
  private static final String QUERY =
      "histogram_quantile(0.99, sum by (le) (rate(llmscale_frontend_time_to_first_token_seconds_bucket{model=\"m\"}[1m])))";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-05-01T12:00:00.750Z"), ZoneOffset.UTC);

  private ScriptedHttpServer prometheus;

  @BeforeEach
  void startServer() throws IOException {
    prometheus = new ScriptedHttpServer();
  }

  @AfterEach
  void stopServer() {
    prometheus.close();
  }

  private MetricReading read(PrometheusSourceOptions options, boolean emptyAsZero) {
    try (PrometheusMetricSource source = new PrometheusMetricSource(options, CLOCK)) {
      return source.read(new MetricQuery("ttft_p99", QUERY, emptyAsZero));
    }
  }

  private MetricReading read(boolean emptyAsZero) {
    return read(PrometheusSourceOptions.of(prometheus.uri("")), emptyAsZero);
  }

  private static String vector(String... values) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      result
          .append(i == 0 ? "" : ",")
          .append("{\"metric\":{\"model\":\"m")
          .append(i)
          .append("\"},\"value\":[1777636800.75,\"")
          .append(values[i])
          .append("\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + result
        + "]}}";
  }

  static Stream<Arguments> kedaResults() {
    String scalar =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1777636800.75,\"5\"]}}";
    String matrix =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]}}";
    String shortValue =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1777636800.75]}]}}";
    return Stream.of(
        arguments("one element", vector("0.42"), true, "0.42"),
        arguments("one element, strict", vector("0.42"), false, "0.42"),
        arguments("empty with ignoreNullValues reads 0", vector(), true, "0.0"),
        arguments("empty without it fails", vector(), false, "failed: returned no series"),
        arguments(
            "several elements fail",
            vector("1", "2"),
            true,
            "failed: returned 2 series, one is needed"),
        arguments(
            "a scalar fails, as KEDA cannot decode it", scalar, true, "failed: returned a scalar"),
        arguments("+Inf with ignoreNullValues reads 0", vector("+Inf"), true, "0.0"),
        arguments(
            "+Inf without it fails", vector("+Inf"), false, "failed: the query returned +Inf"),
        arguments(
            "-Inf without it fails", vector("-Inf"), false, "failed: the query returned -Inf"),
        arguments("NaN with ignoreNullValues reads 0", vector("NaN"), true, "0.0"),
        arguments("NaN without it fails", vector("NaN"), false, "failed: the query returned NaN"),
        arguments("a range vector has no value list: 0 with ignoreNullValues", matrix, true, "0.0"),
        arguments(
            "a range vector without it fails",
            matrix,
            false,
            "failed: the query returned a range vector"),
        arguments(
            "a value list of one entry fails",
            shortValue,
            true,
            "failed: the result carries no value"),
        arguments(
            "a value that is no number fails",
            vector("fast"),
            true,
            "failed: the result's value is no number: 'fast'"),
        arguments("a body without data reads as empty", "{\"status\":\"success\"}", true, "0.0"),
        arguments(
            "status error with HTTP 200 fails",
            "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}",
            true,
            "failed: Prometheus answered an error: internal: boom"),
        arguments(
            "a body that is not JSON fails",
            "<html>hello</html>",
            true,
            "failed: Prometheus answered HTTP 200 with a body that is not JSON: '<html>hello</html>'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kedaResults")
  void readsResultsAsKedaDoes(String why, String body, boolean emptyAsZero, String expected) {
    prometheus.answer(200, body);

    MetricReading reading = read(emptyAsZero);

    if (expected.startsWith("failed: ")) {
      assertThat(reading.isFailure()).as(reading.toString()).isTrue();
      assertThat(reading.failure()).contains(expected.substring("failed: ".length()));
    } else {
      assertThat(reading).isEqualTo(MetricReading.of(Double.parseDouble(expected)));
    }
  }

  static Stream<Arguments> errorAnswers() {
    return Stream.of(
        arguments(
            400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:27: parse error: unexpected end of input\"}",
            "Prometheus answered HTTP 400: bad_data: 1:27: parse error: unexpected end of input"),
        arguments(
            422,
            "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}",
            "Prometheus answered HTTP 422: execution: many-to-many matching not allowed"),
        arguments(
            503,
            "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}",
            "Prometheus answered HTTP 503: timeout: query timed out in expression evaluation"),
        arguments(
            502,
            "<html>\n<body>Bad Gateway</body>\n</html>",
            "Prometheus answered HTTP 502: '<html> <body>Bad Gateway</body> </html>'"),
        arguments(
            404,
            "404 page not found",
            "Prometheus answered HTTP 404: '404 page not found' (is the server address the Prometheus base URL?)"),
        arguments(
            401,
            "Unauthorized",
            "Prometheus answered HTTP 401 (the server wants credentials; none are configured)"));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("errorAnswers")
  void anErrorAnswerIsAFailureWithPrometheusReason(int status, String body, String reason) {
    prometheus.answer(status, body);

    assertThat(read(true)).isEqualTo(MetricReading.failed(reason));
  }

  @Test
  void sendsTheQueryAsKedaDoes() {
    prometheus.answer(200, vector("1"));
    PrometheusSourceOptions options =
        PrometheusSourceOptions.of(prometheus.uri("/prometheus/"))
            .withCredentials(Credentials.bearer(Secret.inline("s3cr3t-token")))
            .withCustomHeaders(Map.of("X-Scope-OrgID", "team-a", "Authorization", "overridden"))
            .withNamespace("inference");

    assertThat(read(options, true)).isEqualTo(MetricReading.of(1));

    ScriptedHttpServer.Request request = prometheus.lastRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/prometheus/api/v1/query");
    assertThat(request.query())
        .containsExactly(
            Map.entry("query", QUERY),
            Map.entry("time", "2026-05-01T12:00:00Z"),
            Map.entry("namespace", "inference"));
    assertThat(request.headers())
        .containsEntry("Authorization", "Bearer s3cr3t-token")
        .containsEntry("X-scope-orgid", "team-a");
  }

  @Test
  void sendsBasicAuthentication() {
    prometheus.answer(200, vector("1"));

    read(
        PrometheusSourceOptions.of(prometheus.uri(""))
            .withCredentials(Credentials.basic("keda", Secret.inline("pa:ss"))),
        true);

    assertThat(prometheus.lastRequest().headers())
        .containsEntry(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("keda:pa:ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(prometheus.lastRequest().query()).doesNotContainKey("namespace");
  }

  @Test
  void readsTheTokenAndPasswordFilesAgainAtEveryPoll(@TempDir Path dir) throws IOException {
    prometheus.answer(200, vector("1"));
    Path token = dir.resolve("token");
    Path password = dir.resolve("password");
    PrometheusSourceOptions bearer =
        PrometheusSourceOptions.of(prometheus.uri(""))
            .withCredentials(Credentials.bearer(Secret.file(token)));
    PrometheusSourceOptions basic =
        PrometheusSourceOptions.of(prometheus.uri(""))
            .withCredentials(Credentials.basic("keda", Secret.file(password)));

    Files.writeString(token, "first\n");
    read(bearer, true);
    assertThat(prometheus.lastRequest().headers()).containsEntry("Authorization", "Bearer first");

    Files.writeString(token, "rotated");
    read(bearer, true);
    assertThat(prometheus.lastRequest().headers()).containsEntry("Authorization", "Bearer rotated");

    Files.writeString(password, "  pw\n");
    read(basic, true);
    assertThat(prometheus.lastRequest().headers())
        .containsEntry(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString("keda:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anUnreadableTokenFileIsAFailedPollWithoutARequest(@TempDir Path dir) {
    Path missing = dir.resolve("missing-token");

    MetricReading reading =
        read(
            PrometheusSourceOptions.of(prometheus.uri(""))
                .withCredentials(Credentials.bearer(Secret.file(missing))),
            true);

    assertThat(reading.failure())
        .startsWith("cannot read the credentials for Prometheus: ")
        .contains("missing-token");
    assertThat(prometheus.requestCount()).isZero();
  }

  @Test
  void refusedCredentialsAreNamedButNotShown() {
    prometheus.answer(401, "Unauthorized");

    MetricReading bearer =
        read(
            PrometheusSourceOptions.of(prometheus.uri(""))
                .withCredentials(Credentials.bearer(Secret.inline("s3cr3t-token"))),
            true);
    MetricReading basic =
        read(
            PrometheusSourceOptions.of(prometheus.uri(""))
                .withCredentials(Credentials.basic("keda", Secret.inline("pa55word"))),
            true);

    assertThat(bearer.failure())
        .isEqualTo("Prometheus answered HTTP 401 (the bearer token (***) was refused)");
    assertThat(basic.failure())
        .isEqualTo(
            "Prometheus answered HTTP 401 (basic auth as 'keda' (password ***) was refused)");
  }

  @Test
  void aServerSlowerThanTheTimeoutIsAFailedPollWithinTheTimeout() {
    prometheus.answerAfter(Duration.ofSeconds(3), 200, vector("1"));

    long start = System.nanoTime();
    MetricReading reading =
        read(
            PrometheusSourceOptions.of(prometheus.uri("")).withTimeout(Duration.ofMillis(300)),
            true);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(reading.failure())
        .isEqualTo("Prometheus at " + prometheus.uri("") + " did not answer within 300 ms");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aClosedPortIsAFailedPoll() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);

    MetricReading reading = read(PrometheusSourceOptions.of(closed), true);

    assertThat(reading.failure())
        .startsWith("cannot connect to Prometheus at " + closed + " (")
        .containsIgnoringCase("refused");
  }

  @Test
  void optionsNeverPrintSecrets(@TempDir Path dir) {
    PrometheusSourceOptions bearer =
        PrometheusSourceOptions.of(prometheus.uri(""))
            .withCredentials(Credentials.bearer(Secret.inline("s3cr3t-token")))
            .withCustomHeaders(Map.of("X-Api-Key", "k3y-value"));
    PrometheusSourceOptions basic =
        PrometheusSourceOptions.of(prometheus.uri(""))
            .withCredentials(Credentials.basic("keda", Secret.file(dir.resolve("pw"))));

    assertThat(bearer.toString())
        .doesNotContain("s3cr3t-token")
        .doesNotContain("k3y-value")
        .contains("X-Api-Key");
    assertThat(basic.toString()).contains("keda").contains("file " + dir.resolve("pw"));
    assertThat(new PrometheusMetricSource(bearer).toString()).doesNotContain("s3cr3t-token");
  }
}
