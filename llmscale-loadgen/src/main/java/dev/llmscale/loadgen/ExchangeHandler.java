package dev.llmscale.loadgen;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of every client connection: stamps each inbound HTTP object with {@link
 * System#nanoTime()} on arrival and hands it to the {@link Exchange} currently using the
 * connection. It owns and releases every inbound message. Event-loop confined.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private Exchange exchange;

  void bind(Exchange value) {
    exchange = value;
  }

  void unbind() {
    exchange = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = System.nanoTime();
    try {
      Exchange current = exchange;
      if (current != null && msg instanceof HttpObject object) {
        current.onHttpObject(object, now);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    if (current != null) {
      current.onConnectionLost(ctx.channel(), null);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange current = exchange;
    if (current != null) {
      current.onConnectionLost(ctx.channel(), cause);
    }
    ctx.close();
  }
}
