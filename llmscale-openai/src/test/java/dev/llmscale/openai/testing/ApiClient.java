package dev.llmscale.openai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A test client of an OpenAI-compatible HTTP API over loopback. */
public class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public ApiClient(URI base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send(path, "POST", body, "application/json");
  }

  public HttpResponse<String> send(String path, String method, String body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One SSE {@code data:} payload and when it was read. */
  public record Event(String data, long nanos) {
    public JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + data, e);
      }
    }

    public boolean done() {
      return data.equals("[DONE]");
    }

    /** A chunk that carries generated text (chat or completion). */
    public boolean token() {
      return data.contains("\"content\":\"") && !data.contains("\"content\":\"\"")
          || data.contains("\"text\":\"");
    }
  }

  /**
   * A streamed response: status, content type, its events as they arrived, every line read, and
   * when the request was sent.
   */
  public record StreamedResponse(
      int status,
      Optional<String> contentType,
      List<Event> events,
      List<String> raw,
      long sentNanos) {

    public long tokens() {
      return events.stream().filter(Event::token).count();
    }

    /** Seconds from sending to the first token event. */
    public double ttftSeconds() {
      return events.stream()
          .filter(Event::token)
          .findFirst()
          .map(e -> (e.nanos() - sentNanos) / 1e9)
          .orElseThrow(() -> new AssertionError("no token in " + events));
    }
  }

  public StreamedResponse stream(String path, String body)
      throws IOException, InterruptedException {
    long sent = System.nanoTime();
    HttpResponse<Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    List<Event> events = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        long now = System.nanoTime();
        raw.add(line);
        if (line.startsWith("data: ")) {
          events.add(new Event(line.substring(6), now));
        }
      }
    }
    return new StreamedResponse(
        response.statusCode(), response.headers().firstValue("content-type"), events, raw, sent);
  }

  /** A sample of the server's metrics (see {@link PrometheusText#value}). */
  public double metric(String name, String... labels) throws IOException, InterruptedException {
    return PrometheusText.value(get("/metrics").body(), name, labels);
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
