package dev.llmscale.autoscaler.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A loopback HTTP server that answers every request with what the test scripted last. */
final class ScriptedHttpServer implements AutoCloseable {

  /** What the server saw of one request. */
  record Request(
      String method, String path, Map<String, String> query, Map<String, String> headers) {}

  private record Answer(int status, String contentType, Supplier<String> body, Duration delay) {}

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Answer answer = new Answer(200, "text/plain", () -> "", Duration.ZERO);
  private volatile Request lastRequest;

  ScriptedHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void answer(int status, String body) {
    answer = new Answer(status, "application/json", () -> body, Duration.ZERO);
  }

  /** Answers with {@code body}'s current value at each request: a live /metrics page. */
  void serveMetrics(Supplier<String> body) {
    answer = new Answer(200, "text/plain; version=0.0.4", body, Duration.ZERO);
  }

  void answerAfter(Duration delay, int status, String body) {
    answer = new Answer(status, "application/json", () -> body, delay);
  }

  Request lastRequest() {
    return lastRequest;
  }

  int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
    lastRequest =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            query(exchange.getRequestURI().getRawQuery()),
            headers);
    Answer current = answer;
    try {
      Thread.sleep(current.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body = current.body().get().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", current.contentType());
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(current.status(), body.length == 0 ? -1 : body.length);
      out.write(body);
    } catch (IOException clientGone) {
      // the client gave up (a timeout test); nothing to answer
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      String[] nameValue = pair.split("=", 2);
      params.put(
          URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
