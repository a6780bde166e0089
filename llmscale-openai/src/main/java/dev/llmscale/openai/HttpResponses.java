package dev.llmscale.openai;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Response heads and bodies as an OpenAI-compatible server sends them. */
public final class HttpResponses {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  private HttpResponses() {}

  /** A complete response; the caller owns (writes or releases) it. */
  public static FullHttpResponse full(
      ByteBufAllocator alloc,
      HttpResponseStatus status,
      String contentType,
      byte[] body,
      boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, alloc.buffer(body.length).writeBytes(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keepAlive);
    return response;
  }

  /** An OpenAI error response, with {@code Retry-After} when the error suggests one. */
  public static FullHttpResponse error(
      ByteBufAllocator alloc, ApiError error, byte[] json, boolean keepAlive) {
    FullHttpResponse response = full(alloc, error.status(), JSON, json, keepAlive);
    if (error.retryAfterSeconds() > 0) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, error.retryAfterSeconds());
    }
    return response;
  }

  /** The head of a chunked SSE response; the events follow as HTTP chunks. */
  public static HttpResponse eventStreamHead(boolean keepAlive) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    HttpUtil.setTransferEncodingChunked(response, true);
    HttpUtil.setKeepAlive(response, keepAlive);
    return response;
  }
}
