package dev.llmscale.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the OpenAI API, {@code /health}, {@code /ready} and {@code /metrics}.
 * Requests are answered one at a time, in order (pipelined ones wait in {@link #pending}); a
 * generation request is validated and tokenized on the tokenizer pool, then proxied by a {@link
 * ProxyExchange} on this connection's event loop. Every method runs on that event loop and none
 * blocks.
 *
 * <p>Buffer ownership: a request read from the pipeline is owned here until answered; its body is
 * copied out before it goes to the pool, and it is released after routing or when the connection
 * closes while it waits.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements ProxyExchange.Owner {
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
  private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean busy;
  private boolean dispatching;
  private ProxyExchange current;

  FrontendHandler(GatewayServices services) {
    this.services = services;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      pending.add(request);
      processPending();
    } else {
      ReferenceCountUtil.safeRelease(msg);
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
    FullHttpRequest request;
    while ((request = pending.poll()) != null) {
      ReferenceCountUtil.safeRelease(request);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing client connection {} after an error", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }

  @Override
  public void exchangeEnded(ProxyExchange exchange) {
    if (exchange == current) {
      current = null;
      services.gate().release();
      requestDone();
    }
  }

  private void processPending() {
    if (dispatching) {
      return; // a response completed inside route(); the outer loop continues
    }
    dispatching = true;
    try {
      FullHttpRequest next;
      while (!busy && (next = pending.poll()) != null) {
        busy = true;
        try {
          route(next);
        } finally {
          ReferenceCountUtil.safeRelease(next);
        }
      }
    } finally {
      dispatching = false;
    }
  }

  private void requestDone() {
    busy = false;
    if (ctx.channel().isActive()) {
      processPending();
    }
  }

  private void route(FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      respondError(
          ApiError.invalid(
              "Malformed HTTP request: " + request.decoderResult().cause(), null, null),
          false);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    HttpMethod method = request.method();
    switch (path) {
      case "/health" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          health(keepAlive);
        }
      }
      case "/ready" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          ready(keepAlive);
        }
      }
      case "/metrics" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          GatewayMetrics.Scrape scrape =
              services.metrics().scrape(request.headers().get(HttpHeaderNames.ACCEPT));
          respond(HttpResponseStatus.OK, scrape.contentType(), scrape.body(), keepAlive);
        }
      }
      case "/v1/models" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          models(keepAlive);
        }
      }
      case "/v1/chat/completions" -> {
        if (expect(method, HttpMethod.POST, path, keepAlive)) {
          generate(ApiKind.CHAT, request, keepAlive);
        }
      }
      case "/v1/completions" -> {
        if (expect(method, HttpMethod.POST, path, keepAlive)) {
          generate(ApiKind.COMPLETION, request, keepAlive);
        }
      }
      default -> respondError(ApiError.unknownUrl(method.name(), path), keepAlive);
    }
  }

  private boolean expect(HttpMethod method, HttpMethod allowed, String path, boolean keepAlive) {
    if (method.equals(allowed)) {
      return true;
    }
    ApiError error = ApiError.methodNotAllowed(method.name(), path);
    FullHttpResponse response =
        HttpResponses.error(ctx.alloc(), error, error.toJson(services.mapper()), keepAlive);
    response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
    send(response, keepAlive);
    return false;
  }

  /** Liveness: the process serves; 503 once it drains. */
  private void health(boolean keepAlive) {
    if (services.gate().draining()) {
      respondError(ApiError.shuttingDown(), keepAlive);
    } else {
      respond(HttpResponseStatus.OK, HttpResponses.TEXT, new byte[0], keepAlive);
    }
  }

  /** Readiness: at least one replica takes requests. */
  private void ready(boolean keepAlive) {
    if (services.gate().draining()) {
      respondError(ApiError.shuttingDown(), keepAlive);
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
      respondError(ApiError.noReplicas(services.fleet().unavailableReason(null)), keepAlive);
    } else {
      String body = "{\"ready\":true,\"replicas\":" + routable + "}";
      respond(
          HttpResponseStatus.OK,
          HttpResponses.JSON,
          body.getBytes(StandardCharsets.US_ASCII),
          keepAlive);
    }
  }

  private void models(boolean keepAlive) {
    ModelCatalog catalog = services.fleet().catalog();
    if (catalog.isEmpty()) {
      respondError(ApiError.noReplicas(services.fleet().unavailableReason(null)), keepAlive);
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
      refuse(ApiError.shuttingDown(), kind, keepAlive);
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
                ctx.executor()
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
      refuse(ApiError.shuttingDown(), kind, keepAlive);
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
    services.metrics().requestEnded(UNKNOWN_MODEL, kind, false, error.errorType());
    respondError(error, keepAlive);
  }

  private void respondError(ApiError error, boolean keepAlive) {
    send(
        HttpResponses.error(ctx.alloc(), error, error.toJson(services.mapper()), keepAlive),
        keepAlive);
  }

  private void respond(
      HttpResponseStatus status, String contentType, byte[] body, boolean keepAlive) {
    send(HttpResponses.full(ctx.alloc(), status, contentType, body, keepAlive), keepAlive);
  }

  private void send(FullHttpResponse response, boolean keepAlive) {
    ChannelFuture written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    requestDone();
  }
}
