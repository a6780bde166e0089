package dev.llmscale.autoscaler.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.metrics.PrometheusFloats;
import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;

/**
 * Reads one answer of {@code /api/v1/query} the way KEDA's Prometheus scaler does (see {@link
 * KedaResult}), and turns errors into one readable sentence: the status, Prometheus's {@code
 * errorType} and {@code error}, and for 401/403 which credentials were refused.
 */
final class PrometheusResponse {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED_BODY = 160;

  private PrometheusResponse() {}

  static MetricReading read(MetricQuery query, int status, String body, Credentials credentials) {
    JsonNode json = parse(body);
    if (status < 200 || status > 299) {
      return MetricReading.failed(httpError(status, body, json, credentials));
    }
    if (json == null) {
      return MetricReading.failed(
          "Prometheus answered HTTP " + status + " with a body that is not JSON: " + quote(body));
    }
    if ("error".equals(json.path("status").asText())) {
      return MetricReading.failed("Prometheus answered an error: " + prometheusError(json));
    }
    JsonNode data = json.path("data");
    String resultType = data.path("resultType").asText();
    if (resultType.equals("scalar") || resultType.equals("string")) {
      return KedaResult.scalar();
    }
    JsonNode result = data.path("result");
    if (!result.isArray() || result.isEmpty()) {
      return KedaResult.noSeries(query);
    }
    if (result.size() > 1) {
      return KedaResult.severalSeries(result.size());
    }
    JsonNode value = result.get(0).path("value");
    if (!value.isArray() || value.isEmpty()) {
      String what =
          resultType.equals("matrix")
              ? "the query returned a range vector, which has no single value"
              : "the result has an empty value list";
      return KedaResult.empty(query, what);
    }
    if (value.size() < 2 || !value.get(1).isTextual()) {
      return MetricReading.failed("the result carries no value: " + quote(value.toString()));
    }
    try {
      return KedaResult.value(query, PrometheusFloats.parse(value.get(1).asText()));
    } catch (NumberFormatException e) {
      return MetricReading.failed(
          "the result's value is no number: " + quote(value.get(1).asText()));
    }
  }

  private static String httpError(int status, String body, JsonNode json, Credentials credentials) {
    StringBuilder reason = new StringBuilder("Prometheus answered HTTP ").append(status);
    if (json != null && json.has("error")) {
      reason.append(": ").append(prometheusError(json));
    } else if (!body.isBlank() && status != 401 && status != 403) {
      reason.append(": ").append(quote(body));
    }
    if (status == 401 || status == 403) {
      reason.append(
          credentials instanceof Credentials.None
              ? " (the server wants credentials; none are configured)"
              : " (" + credentials.describe() + " was refused)");
    } else if (status == 404) {
      reason.append(" (is the server address the Prometheus base URL?)");
    }
    return reason.toString();
  }

  private static String prometheusError(JsonNode json) {
    String type = json.path("errorType").asText("");
    String error = json.path("error").asText("no error message");
    return type.isEmpty() ? error : type + ": " + error;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String quote(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return "'"
        + (line.length() > MAX_QUOTED_BODY ? line.substring(0, MAX_QUOTED_BODY) + "…" : line)
        + "'";
  }
}
