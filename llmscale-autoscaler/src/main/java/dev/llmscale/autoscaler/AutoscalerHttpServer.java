package dev.llmscale.autoscaler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The autoscaler's own endpoints: {@code /metrics} (Prometheus text) and {@code /health} (200 with
 * the last tick's time, 503 before the first). Low traffic by nature, so the JDK's server is
 * enough.
 */
public final class AutoscalerHttpServer implements AutoCloseable {
  private final HttpServer server;

  /**
   * Binds {@code address} (port 0 picks a free port) and starts serving.
   *
   * @param lastTick the time of the last tick, or null before the first
   */
  public AutoscalerHttpServer(
      InetSocketAddress address, AutoscalerMetrics metrics, Supplier<TickRecord> lastTick)
      throws IOException {
    server = HttpServer.create(address, 16);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r)));
    server.createContext(
        "/metrics",
        exchange -> {
          if (methodAllowed(exchange)) {
            respond(exchange, 200, metrics.contentType(), metrics.scrape());
          }
        });
    server.createContext(
        "/health",
        exchange -> {
          if (!methodAllowed(exchange)) {
            return;
          }
          TickRecord tick = lastTick.get();
          if (tick == null) {
            respond(exchange, 503, "text/plain", bytes("no tick yet\n"));
          } else {
            respond(exchange, 200, "text/plain", bytes("ok, last tick " + tick.time() + "\n"));
          }
        });
    server.createContext(
        "/", exchange -> respond(exchange, 404, "text/plain", bytes("not found\n")));
    server.start();
  }

  private static Thread daemon(Runnable r) {
    Thread thread = new Thread(r, "llmscale-autoscaler-http");
    thread.setDaemon(true);
    return thread;
  }

  /** Where {@code /metrics} is served. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (address.getAddress().isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  private static boolean methodAllowed(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain", bytes("method not allowed\n"));
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
