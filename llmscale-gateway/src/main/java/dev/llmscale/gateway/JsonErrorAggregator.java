package dev.llmscale.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, answering an oversized request body with an OpenAI error JSON (413) instead
 * of an empty response. Like Netty's own handling, it keeps the connection when the rest of the
 * body can be skipped (declared length, keep-alive).
 */
final class JsonErrorAggregator extends HttpObjectAggregator {
  private final ObjectMapper mapper;
  private final Runnable onRefused;

  JsonErrorAggregator(int maxContentLength, ObjectMapper mapper, Runnable onRefused) {
    super(maxContentLength);
    this.mapper = mapper;
    this.onRefused = onRefused;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    onRefused.run();
    boolean close =
        oversized instanceof FullHttpMessage
            || !ctx.channel().config().isAutoRead()
            || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
    ApiError error = ApiError.bodyTooLarge(maxContentLength());
    ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), error, error.toJson(mapper), !close))
        .addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
