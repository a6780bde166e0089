package dev.llmscale.openai;

import static dev.llmscale.openai.testing.BadRequest.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.openai.testing.ApiClient;
import dev.llmscale.openai.testing.NettyLeakCheck;
import dev.llmscale.openai.testing.RawHttp;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A small server on {@link ApiServer} and {@link ApiConnectionHandler}, over loopback. */
@ExtendWith(NettyLeakCheck.class)
class ApiServerIT {
  private static final int BODY_LIMIT = 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DrainGate gate = new DrainGate();
  private final AtomicInteger refusedAsTooLarge = new AtomicInteger();
  private final AtomicInteger stopped = new AtomicInteger();
  private ApiServer server;
  private ApiClient api;

  /** Echoes a body at once, or after a delay while counted in flight; refuses while draining. */
  private final class EchoHandler extends ApiConnectionHandler {
    EchoHandler() {
      super(MAPPER);
      get(
          "/health",
          (request, keepAlive) -> respond(HttpResponseStatus.OK, "", new byte[0], keepAlive));
      post("/echo", (request, keepAlive) -> echo(request, keepAlive, 0));
      post("/slow", (request, keepAlive) -> echo(request, keepAlive, 300));
      get(
          "/busy",
          (request, keepAlive) -> respondError(ApiError.unavailable("busy", 2), keepAlive));
    }

    private void echo(FullHttpRequest request, boolean keepAlive, long delayMillis) {
      byte[] body = ByteBufUtil.getBytes(request.content());
      if (delayMillis == 0) {
        respond(HttpResponseStatus.OK, HttpResponses.TEXT, body, keepAlive);
        return;
      }
      if (gate.draining()) {
        respondError(ApiError.unavailable("draining"), keepAlive);
        return;
      }
      gate.acquire();
      ctx()
          .executor()
          .schedule(
              () -> {
                respond(HttpResponseStatus.OK, HttpResponses.TEXT, body, keepAlive);
                gate.release();
              },
              delayMillis,
              TimeUnit.MILLISECONDS);
    }
  }

  @BeforeEach
  void start() throws InterruptedException {
    server = new ApiServer("test", 1, 1, gate);
    server.onStop(stopped::incrementAndGet);
    server.listen(
        "127.0.0.1",
        0,
        () -> new JsonErrorAggregator(BODY_LIMIT, MAPPER, refusedAsTooLarge::incrementAndGet),
        EchoHandler::new);
    api = new ApiClient(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void unknownPathsAndWrongMethodsGetOpenAiErrors() throws Exception {
    HttpResponse<String> unknown = api.post("/v1/embeddings", "{}");
    HttpResponse<String> wrongMethod = api.get("/echo");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertOpenAiError(
        unknown, "invalid_request_error", null, "not_found", "Invalid URL (POST /v1/embeddings)");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("allow")).hasValue("POST");
    assertOpenAiError(
        wrongMethod,
        "invalid_request_error",
        null,
        "method_not_allowed",
        "Invalid method for URL (GET /echo)");
  }

  @Test
  void anErrorThatSuggestsARetrySaysWhen() throws Exception {
    HttpResponse<String> busy = api.get("/busy");

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("retry-after")).hasValue("2");
    assertOpenAiError(busy, "server_error", null, "service_unavailable", "busy");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawHttp connection = new RawHttp(server.baseUri())) {
      connection.post("/slow", "first");
      connection.post("/echo", "second");

      String received = connection.readUntil("second");

      assertThat(received.indexOf("first")).isPositive().isLessThan(received.indexOf("second"));
    }
  }

  @Test
  void aBodyOverTheLimitGetsA413AndTheConnectionServesOn() throws Exception {
    HttpResponse<String> tooLarge = api.post("/echo", "x".repeat(BODY_LIMIT + 1));
    HttpResponse<String> next = api.post("/echo", "ok");

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertOpenAiError(
        tooLarge, "invalid_request_error", null, "request_too_large", String.valueOf(BODY_LIMIT));
    assertThat(refusedAsTooLarge).hasValue(1);
    assertThat(next.body()).isEqualTo("ok");
  }

  @Test
  void drainLetsInFlightRequestsFinishThenStops() throws Exception {
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.post("/slow", "finishing");
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (gate.inFlight() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(gate.inFlight()).as("requests in flight").isOne();

    assertThat(server.drain(Duration.ofSeconds(10))).isTrue();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("finishing");
    assertThat(stopped).hasValue(1);
    assertThat(server.awaitTermination(Duration.ZERO)).isTrue();
    assertThatThrownBy(() -> api.get("/health")).isInstanceOf(ConnectException.class);
  }
}
