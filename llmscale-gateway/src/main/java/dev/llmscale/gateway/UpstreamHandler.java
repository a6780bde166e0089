package dev.llmscale.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of an upstream connection's pipeline: hands what the replica sends to the exchange the
 * connection currently serves. Between exchanges (idle in the pool) nothing is expected; anything
 * that arrives is released and the connection closed. Runs on the connection's event loop, which is
 * the client connection's.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
  private ProxyExchange exchange;
  private int exchangesServed;

  void attach(ProxyExchange exchange) {
    this.exchange = exchange;
    exchangesServed++;
  }

  /** Whether the connection served an exchange before this one (it came from the pool). */
  boolean reused() {
    return exchangesServed > 1;
  }

  void detach() {
    this.exchange = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ProxyExchange current = exchange;
    if (current == null) {
      ReferenceCountUtil.safeRelease(msg);
      ctx.close();
      return;
    }
    current.upstreamRead(msg); // the exchange owns msg from here
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.upstreamReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ProxyExchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamClosed(null);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProxyExchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamClosed(cause);
    }
    ctx.close();
  }
}
