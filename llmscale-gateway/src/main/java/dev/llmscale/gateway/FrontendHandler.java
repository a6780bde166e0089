package dev.llmscale.gateway;

import dev.llmscale.openai.ApiConnectionHandler;
import dev.llmscale.openai.ApiError;
import dev.llmscale.openai.ApiKind;
import dev.llmscale.openai.HttpResponses;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the OpenAI API, {@code /health}, {@code /ready} and {@code /metrics}. A
 * generation request is validated and tokenized on the tokenizer pool, then proxied by a {@link
 * ProxyExchange} on this connection's event loop. Every method runs on that event loop and none
 * blocks; the body is copied out before it goes to the pool.
 */
final class FrontendHandler extends ApiConnectionHandler implements ProxyExchange.Owner {
  private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);
  private static final String UNKNOWN_MODEL = "unknown";

  /**
   * Bodies up to this size are validated and tokenized on the event loop: at worst ~0.1 ms of BPE,
   * less than the two thread hand-offs to the tokenizer pool and back cost under load.
   */
  static final int INLINE_VALIDATION_BYTES = 2048;

  private static final Set<AsciiString> NOT_FORWARDED =
      Set.of(
          HttpHeaderNames.HOST,
          HttpHeaderNames.CONNECTION,
          HttpHeaderNames.KEEP_ALIVE,
          HttpHeaderNames.PROXY_CONNECTION,
          HttpHeaderNames.PROXY_AUTHORIZATION,
          HttpHeaderNames.TRANSFER_ENCODING,
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.UPGRADE,
          HttpHeaderNames.CONTENT_LENGTH,
          HttpHeaderNames.EXPECT);

  private final GatewayServices services;
  private ProxyExchange current;

  FrontendHandler(GatewayServices services) {
    super(services.mapper());
    this.services = services;
    get("/health", (request, keepAlive) -> health(keepAlive));
    get("/ready", (request, keepAlive) -> ready(keepAlive));
    get("/metrics", this::metrics);
    get("/v1/models", (request, keepAlive) -> models(keepAlive));
    for (ApiKind kind : ApiKind.values()) {
      post(kind.path(), (request, keepAlive) -> generate(kind, request, keepAlive));
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (current != null) {
      current.clientWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ProxyExchange exchange = current;
    if (exchange != null) {
      exchange.clientClosed(); // closes the upstream connection: the engine cancels
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exchangeEnded(ProxyExchange exchange) {
    if (exchange == current) {
      current = null;
      services.gate().release();
      requestDone();
    }
  }

  /** Liveness: the process serves; 503 once it drains. */
  private void health(boolean keepAlive) {
    if (services.gate().draining()) {
      respondError(GatewayErrors.shuttingDown(), keepAlive);
    } else {
      respond(HttpResponseStatus.OK, HttpResponses.TEXT, new byte[0], keepAlive);
    }
  }

  /** Readiness: at least one replica takes requests. */
  private void ready(boolean keepAlive) {
    if (services.gate().draining()) {
      respondError(GatewayErrors.shuttingDown(), keepAlive);
      return;
    }
    long now = System.nanoTime();
    int routable = 0;
    for (Upstream upstream : services.fleet().members()) {
      if (upstream.healthy() && !upstream.draining() && upstream.modelsKnown()) {
        if (upstream.breaker().state() == CircuitBreaker.State.CLOSED
            || upstream.breaker().allows(now)) {
          routable++;
        }
      }
    }
    if (routable == 0) {
      respondError(GatewayErrors.noReplicas(services.fleet().unavailableReason(null)), keepAlive);
    } else {
      String body = "{\"ready\":true,\"replicas\":" + routable + "}";
      respond(
          HttpResponseStatus.OK,
          HttpResponses.JSON,
          body.getBytes(StandardCharsets.US_ASCII),
          keepAlive);
    }
  }

  private void metrics(FullHttpRequest request, boolean keepAlive) {
    GatewayMetrics.Scrape scrape =
        services.metrics().scrape(request.headers().get(HttpHeaderNames.ACCEPT));
    respond(HttpResponseStatus.OK, scrape.contentType(), scrape.body(), keepAlive);
  }

  private void models(boolean keepAlive) {
    ModelCatalog catalog = services.fleet().catalog();
    if (catalog.isEmpty()) {
      respondError(GatewayErrors.noReplicas(services.fleet().unavailableReason(null)), keepAlive);
    } else {
      respond(
          HttpResponseStatus.OK,
          HttpResponses.JSON,
          catalog.listJson(services.mapper()),
          keepAlive);
    }
  }

  private void generate(ApiKind kind, FullHttpRequest request, boolean keepAlive) {
    if (services.gate().draining()) {
      refuse(GatewayErrors.shuttingDown(), kind, keepAlive);
      return;
    }
    long arrivalNanos = System.nanoTime();
    byte[] body = ByteBufUtil.getBytes(request.content());
    HttpHeaders forward = new DefaultHttpHeaders();
    for (var header : request.headers()) {
      if (!NOT_FORWARDED.contains(AsciiString.of(header.getKey()).toLowerCase())) {
        forward.add(header.getKey(), header.getValue());
      }
    }
    services.gate().acquire();
    if (body.length <= INLINE_VALIDATION_BYTES) {
      // Small enough to validate here (tens of microseconds): two thread hand-offs cost more.
      Validation validation = validate(kind, body);
      admitted(kind, validation.request(), validation.error(), forward, arrivalNanos, keepAlive);
      return;
    }
    try {
      services
          .tokenizerPool()
          .execute(
              () -> {
                Validation validation = validate(kind, body);
                ctx()
                    .executor()
                    .execute(
                        () ->
                            admitted(
                                kind,
                                validation.request(),
                                validation.error(),
                                forward,
                                arrivalNanos,
                                keepAlive));
              });
    } catch (RejectedExecutionException e) {
      services.gate().release();
      refuse(GatewayErrors.shuttingDown(), kind, keepAlive);
    }
  }

  private Validation validate(ApiKind kind, byte[] body) {
    try {
      return new Validation(services.validator().validate(kind, body), null);
    } catch (ApiError e) {
      return new Validation(null, e);
    } catch (RuntimeException e) {
      LOG.warn("failed to validate a {} request", kind, e);
      return new Validation(null, ApiError.internal("Failed to read the request: " + e));
    }
  }

  /** A validated request, or why it is refused. */
  private record Validation(ValidatedRequest request, ApiError error) {}

  /** Back on the event loop with a validated request, or the reason it is refused. */
  private void admitted(
      ApiKind kind,
      ValidatedRequest request,
      ApiError error,
      HttpHeaders forward,
      long arrivalNanos,
      boolean keepAlive) {
    ChannelHandlerContext ctx = ctx();
    if (!ctx.channel().isActive()) {
      services.gate().release(); // the client left while its prompt was tokenized
      if (request != null) {
        services
            .metrics()
            .requestEnded(request.model(), kind, request.stream(), ErrorType.CANCELLED);
      }
      return;
    }
    if (error != null) {
      services.gate().release();
      refuse(error, kind, keepAlive);
      return;
    }
    current = new ProxyExchange(ctx, services, request, forward, keepAlive, arrivalNanos, this);
    current.start();
  }

  private void refuse(ApiError error, ApiKind kind, boolean keepAlive) {
    services.metrics().requestEnded(UNKNOWN_MODEL, kind, false, ErrorType.of(error));
    respondError(error, keepAlive);
  }
}
