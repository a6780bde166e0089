package dev.llmscale.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of an OpenAI-compatible server. Requests are answered one at a time, in order
 * (pipelined ones wait in {@link #pending}), each by the {@link Answer} its subclass registered for
 * the path; a malformed request, an unknown path or a wrong method gets an OpenAI error here. Every
 * method runs on the connection's event loop and none blocks.
 *
 * <p>An answer ends with {@link #respond}, {@link #respondError}, or, for one that finishes later
 * (a stream, a proxied exchange), with {@link #requestDone()} once it has.
 *
 * <p>Buffer ownership: a request read from the pipeline is owned here until answered; it is
 * released after its answer has been started (an answer that needs the body later copies it), or
 * when the connection closes while it waits.
 */
public abstract class ApiConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiConnectionHandler.class);

  /** Answers a request on a path, on the event loop. */
  @FunctionalInterface
  protected interface Answer {
    void answer(FullHttpRequest request, boolean keepAlive);
  }

  private record Route(HttpMethod method, Answer answer) {}

  private final ObjectMapper mapper;
  private final Map<String, Route> routes = new HashMap<>();
  private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  /** A request is being answered. */
  private boolean busy;

  private boolean dispatching;

  protected ApiConnectionHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Answers {@code GET path}; other methods get a 405. */
  protected final void get(String path, Answer answer) {
    routes.put(path, new Route(HttpMethod.GET, answer));
  }

  /** Answers {@code POST path}; other methods get a 405. */
  protected final void post(String path, Answer answer) {
    routes.put(path, new Route(HttpMethod.POST, answer));
  }

  protected final ChannelHandlerContext ctx() {
    return ctx;
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

  /** Releases the requests still waiting; a subclass first ends the one it is answering. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
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

  /** The current request is answered: the next pipelined one may go. */
  protected final void requestDone() {
    busy = false;
    if (ctx.channel().isActive()) {
      processPending();
    }
  }

  protected final void respond(
      HttpResponseStatus status, String contentType, byte[] body, boolean keepAlive) {
    send(HttpResponses.full(ctx.alloc(), status, contentType, body, keepAlive), keepAlive);
  }

  protected final void respondError(ApiError error, boolean keepAlive) {
    send(HttpResponses.error(ctx.alloc(), error, error.toJson(mapper), keepAlive), keepAlive);
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
    Route route = routes.get(path);
    if (route == null) {
      respondError(ApiError.unknownUrl(method.name(), path), keepAlive);
    } else if (!method.equals(route.method())) {
      ApiError error = ApiError.methodNotAllowed(method.name(), path);
      FullHttpResponse response =
          HttpResponses.error(ctx.alloc(), error, error.toJson(mapper), keepAlive);
      response.headers().set(HttpHeaderNames.ALLOW, route.method().name());
      send(response, keepAlive);
    } else {
      route.answer().answer(request, keepAlive);
    }
  }

  private void send(FullHttpResponse response, boolean keepAlive) {
    ChannelFuture written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    requestDone();
  }
}
