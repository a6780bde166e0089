package dev.llmscale.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replica that misbehaves on cue: it passes health checks and lists {@code test-model} like an
 * engine, and answers generation requests as its current {@link Behaviour} says (stream, close
 * before answering, 503, stay silent, break or stall mid-stream). Counts the generation requests it
 * receives and the connections that were closed under it.
 */
final class ScriptedUpstream implements AutoCloseable {
  enum Behaviour {
    STREAM,
    CLOSE_BEFORE_HEAD,
    UNAVAILABLE,
    SILENT,
    BREAK_MID_STREAM,
    STALL_MID_STREAM
  }

  private static final String MODELS =
      "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\","
          + "\"owned_by\":\"vllm\",\"max_model_len\":4096}]}";
  private static final String EVENT =
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"finish_reason\":null}]}\n\n";

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final AtomicInteger generationRequests = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private volatile Behaviour behaviour;
  private volatile int tokens = 5;
  private volatile long gapMillis = 20;

  ScriptedUpstream(Behaviour behaviour) throws InterruptedException {
    this.behaviour = behaviour;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Handler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
  }

  void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** Streams {@code tokens} token events {@code gapMillis} apart. */
  void streaming(int tokens, long gapMillis) {
    this.tokens = tokens;
    this.gapMillis = gapMillis;
  }

  int generationRequests() {
    return generationRequests.get();
  }

  /** Generation requests whose connection the gateway closed before the answer ended. */
  int cancelled() {
    return closedByClient.get();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private boolean answering;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri();
      switch (path) {
        case "/health" -> respond(ctx, HttpResponseStatus.OK, "");
        case "/v1/models" -> respond(ctx, HttpResponseStatus.OK, MODELS);
        case "/metrics" ->
            respond(
                ctx,
                HttpResponseStatus.OK,
                "vllm:num_requests_waiting{model_name=\"test-model\"} 0\n"
                    + "vllm:num_requests_running{model_name=\"test-model\"} 0\n");
        default -> generate(ctx);
      }
    }

    private void generate(ChannelHandlerContext ctx) {
      generationRequests.incrementAndGet();
      switch (behaviour) {
        case CLOSE_BEFORE_HEAD -> ctx.close();
        case UNAVAILABLE ->
            respond(
                ctx,
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"error\":{\"message\":\"loading\",\"type\":\"server_error\"}}");
        case SILENT -> answering = true;
        case STREAM -> stream(ctx, tokens, true, false);
        case BREAK_MID_STREAM -> stream(ctx, 3, false, true);
        case STALL_MID_STREAM -> stream(ctx, 3, false, false);
      }
    }

    private void stream(ChannelHandlerContext ctx, int count, boolean finish, boolean close) {
      answering = true;
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
      HttpUtil.setTransferEncodingChunked(head, true);
      ctx.writeAndFlush(head);
      for (int i = 0; i < count; i++) {
        ctx.executor()
            .schedule(
                () -> {
                  if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(
                        new DefaultHttpContent(
                            Unpooled.copiedBuffer(EVENT, StandardCharsets.US_ASCII)));
                  }
                },
                gapMillis * (i + 1),
                TimeUnit.MILLISECONDS);
      }
      ctx.executor()
          .schedule(
              () -> {
                if (finish) {
                  answering = false;
                  ctx.write(
                      new DefaultHttpContent(
                          Unpooled.copiedBuffer("data: [DONE]\n\n", StandardCharsets.US_ASCII)));
                  ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                } else if (close) {
                  answering = false;
                  ctx.close();
                }
              },
              gapMillis * (count + 1),
              TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (answering) {
        closedByClient.incrementAndGet();
      }
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(response, response.content().readableBytes());
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }
}
