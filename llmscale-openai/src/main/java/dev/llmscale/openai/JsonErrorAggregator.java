package dev.llmscale.openai;

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
 * body can be skipped (declared length, keep-alive), which lets the client read the 413 instead of
 * a reset.
 */
public final class JsonErrorAggregator extends HttpObjectAggregator {
  private final ObjectMapper mapper;
  private final Runnable onRefused;

  /**
   * @param onRefused runs on the event loop for every request refused as too large
   */
  public JsonErrorAggregator(int maxContentLength, ObjectMapper mapper, Runnable onRefused) {
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
    // Already reading the body, or nothing tells where it ends: the connection cannot be reused.
    boolean close =
        oversized instanceof FullHttpMessage
            || !ctx.channel().config().isAutoRead()
            || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
    ApiError error = ApiError.bodyTooLarge(maxContentLength());
    ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), error, error.toJson(mapper), !close))
        .addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
