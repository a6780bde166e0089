package dev.llmscale.emulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API of one connection. Answers one request at a time, in order (pipelined
 * requests wait in {@link #pending}); generation requests are parsed and tokenized on the tokenizer
 * pool, then handed to the engine, whose tokens come back through {@link GenerationStream}. Every
 * method runs on the connection's event loop and none blocks.
 *
 * <p>Buffer ownership: a request read from the pipeline is owned here until answered; its body is
 * copied out before it goes to the pool, and it is released after routing or when the connection
 * closes while it waits.
 */
final class HttpApiHandler extends ChannelInboundHandlerAdapter implements GenerationStream.Owner {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
  private static final byte[] EMPTY = new byte[0];

  private final ApiServices services;
  private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  /** A request is being answered (routing, tokenizing, or generating). */
  private boolean busy;

  private boolean dispatching;
  private GenerationStream current;

  HttpApiHandler(ApiServices services) {
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
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null && current.disconnected()) {
      // Frees the request's KV blocks; the engine drops it wherever it is.
      services.engine().cancel(current);
      services.gate().release();
    }
    current = null;
    FullHttpRequest request;
    while ((request = pending.poll()) != null) {
      ReferenceCountUtil.safeRelease(request);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing connection {} after an error", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }

  @Override
  public void responseEnded(GenerationStream stream) {
    if (stream == current) {
      current = null;
      services.gate().release();
      requestDone();
    }
  }

  private void processPending() {
    if (dispatching) {
      return; // a response completed inside handle(); the outer loop continues
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
    processPending();
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
          if (services.gate().healthy()) {
            respond(HttpResponseStatus.OK, HttpResponses.TEXT, EMPTY, keepAlive);
          } else {
            respondError(
                ApiError.unavailable(
                    services.gate().draining() ? "The server is draining." : "Not ready."),
                keepAlive);
          }
        }
      }
      case "/v1/models" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          models(keepAlive);
        }
      }
      case "/metrics" -> {
        if (expect(method, HttpMethod.GET, path, keepAlive)) {
          EngineMetrics metrics = services.metrics();
          respond(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape(), keepAlive);
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
        HttpResponses.full(
            ctx.alloc(),
            error.status(),
            HttpResponses.JSON,
            error.toJson(services.responses().mapper()),
            keepAlive);
    response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
    send(response, keepAlive);
    return false;
  }

  private void models(boolean keepAlive) {
    if (!services.gate().loaded()) {
      respondError(ApiError.unavailable("The model is still loading."), keepAlive);
      return;
    }
    EmulatorOptions options = services.options();
    respond(
        HttpResponseStatus.OK,
        HttpResponses.JSON,
        services
            .responses()
            .models(
                options.servedModelName(),
                options.model().name(),
                services.startedEpochSeconds(),
                options.engineConfig().maxModelLen()),
        keepAlive);
  }

  private void generate(ApiKind kind, FullHttpRequest request, boolean keepAlive) {
    ApiError refusal = services.gate().refusal();
    if (refusal != null) {
      respondError(refusal, keepAlive);
      return;
    }
    long arrivalNanos = System.nanoTime();
    byte[] body = ByteBufUtil.getBytes(request.content());
    services.gate().acquire();
    try {
      services
          .tokenizerPool()
          .execute(
              () -> {
                GenerationRequest parsed = null;
                ApiError error = null;
                try {
                  parsed = services.parser().parse(kind, body);
                } catch (ApiError e) {
                  error = e;
                } catch (RuntimeException e) {
                  LOG.warn("failed to prepare a {} request", kind, e);
                  error = ApiError.internal("Failed to prepare the request: " + e);
                }
                GenerationRequest ready = parsed;
                ApiError failure = error;
                ctx.executor().execute(() -> admit(ready, failure, arrivalNanos, keepAlive));
              });
    } catch (RejectedExecutionException e) {
      services.gate().release();
      respondError(ApiError.unavailable("The server is shutting down."), keepAlive);
    }
  }

  /** Back on the event loop with a prepared request (or the reason it was refused). */
  private void admit(
      GenerationRequest request, ApiError error, long arrivalNanos, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      services.gate().release(); // the client left while its prompt was tokenized
      return;
    }
    if (error != null) {
      services.gate().release();
      respondError(error, keepAlive);
      return;
    }
    GenerationStream stream =
        new GenerationStream(
            ctx,
            request,
            newId(request.kind()),
            System.currentTimeMillis() / 1000,
            arrivalNanos,
            services.loopIndex().get(ctx.channel().eventLoop()),
            keepAlive,
            services.responses(),
            services.tokenTiming(),
            this);
    current = stream;
    stream.start();
    services.engine().submit(stream, stream.engineRequest());
  }

  private void respondError(ApiError error, boolean keepAlive) {
    respond(
        error.status(), HttpResponses.JSON, error.toJson(services.responses().mapper()), keepAlive);
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

  private static String newId(ApiKind kind) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return kind.idPrefix + hex(random.nextLong()) + hex(random.nextLong());
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
