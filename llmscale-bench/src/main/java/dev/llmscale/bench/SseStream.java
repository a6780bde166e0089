package dev.llmscale.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One streaming completion on its own connection: sends the request, splits the SSE body into lines
 * without decoding JSON, and stamps every {@code data:} event with {@link System#nanoTime}.
 */
final class SseStream extends SimpleChannelInboundHandler<HttpObject> {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

  private final String host;
  private final byte[] body;
  private final StreamStats stats;
  private final Consumer<SseStream> onEnd;
  private final byte[] line = new byte[64];
  private int lineLength;
  private long startNanos;
  private long lastEventNanos = -1;
  private int events;
  private int status;
  private boolean done;

  SseStream(String host, byte[] body, StreamStats stats, Consumer<SseStream> onEnd) {
    this.host = host;
    this.body = body;
    this.stats = stats;
    this.onEnd = onEnd;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions", Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, host);
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    request.headers().set(HttpHeaderNames.ACCEPT, "text/event-stream");
    startNanos = System.nanoTime();
    ctx.writeAndFlush(request);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    long now = System.nanoTime();
    if (msg instanceof HttpResponse response) {
      status = response.status().code();
    }
    if (msg instanceof HttpContent content) {
      scan(content.content(), now);
      if (msg instanceof LastHttpContent) {
        finish(ctx);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!done) {
      stats.error("connection closed after " + events + " events");
      finish(ctx);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!done) {
      stats.error(cause.getClass().getSimpleName() + ": " + cause.getMessage());
      finish(ctx);
    }
  }

  private void scan(ByteBuf buf, long now) {
    for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
      byte b = buf.getByte(i);
      if (b == '\n') {
        endLine(now);
      } else if (lineLength < line.length) {
        line[lineLength++] = b;
      }
    }
  }

  private void endLine(long now) {
    if (lineLength >= DATA.length && startsWith(DATA) && !startsWith(DONE)) {
      if (events == 0) {
        stats.firstToken(now - startNanos);
      } else {
        stats.gap(now - lastEventNanos);
      }
      events++;
      lastEventNanos = now;
    }
    lineLength = 0;
  }

  private boolean startsWith(byte[] prefix) {
    if (lineLength < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private void finish(ChannelHandlerContext ctx) {
    if (done) {
      return;
    }
    done = true;
    if (status == 200) {
      stats.completed(events);
    } else if (status != 0) {
      stats.error("HTTP " + status);
    }
    ctx.close();
    onEnd.accept(this);
  }
}
