package dev.llmscale.gateway;

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
import java.util.function.Consumer;

/**
 * One streaming completion on its own connection, for {@link GatewayLoadProbe}: sends the request,
 * finds the ends of SSE events without decoding them, and stamps each {@code data:} event (but
 * {@code [DONE]}) with {@link System#nanoTime}.
 */
final class ProbeStream extends SimpleChannelInboundHandler<HttpObject> {
  /** What a finished stream reports. */
  record Result(int status, long ttftNanos, long[] gapNanos, int events, String error) {}

  private final String host;
  private final byte[] body;
  private final Consumer<Result> onEnd;
  private final long[] gaps;
  private long startNanos;
  private long lastEventNanos;
  private long ttftNanos = -1;
  private int events;
  private int status;
  private boolean done;
  private int lineLength;
  private boolean lineIsData;
  private boolean lineIsDone;

  ProbeStream(String host, byte[] body, int expectedEvents, Consumer<Result> onEnd) {
    this.host = host;
    this.body = body;
    this.onEnd = onEnd;
    this.gaps = new long[Math.max(1, expectedEvents)];
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions", Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, host);
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
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
        finish(ctx, null);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    finish(ctx, "connection closed after " + events + " events");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    finish(ctx, cause.toString());
  }

  private void scan(ByteBuf buf, long now) {
    for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
      byte b = buf.getByte(i);
      if (b == '\n') {
        if (lineIsData && !lineIsDone) {
          event(now);
        }
        lineLength = 0;
        lineIsData = false;
        lineIsDone = false;
      } else {
        if (lineLength == 0) {
          lineIsData = b == 'd';
        } else if (lineLength == 6) {
          lineIsDone = b == '[';
        }
        lineLength++;
      }
    }
  }

  private void event(long now) {
    if (events == 0) {
      ttftNanos = now - startNanos;
    } else if (events - 1 < gaps.length) {
      gaps[events - 1] = now - lastEventNanos;
    }
    events++;
    lastEventNanos = now;
  }

  private void finish(ChannelHandlerContext ctx, String error) {
    if (done) {
      return;
    }
    done = true;
    int gapCount = Math.max(0, Math.min(events - 1, gaps.length));
    long[] recorded = java.util.Arrays.copyOf(gaps, gapCount);
    String problem = status == 200 ? error : "HTTP " + status;
    onEnd.accept(new Result(status, ttftNanos, recorded, events, problem));
    ctx.close();
  }
}
