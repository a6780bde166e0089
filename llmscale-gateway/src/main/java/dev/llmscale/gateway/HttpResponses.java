package dev.llmscale.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Responses the gateway writes itself. */
final class HttpResponses {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  private HttpResponses() {}

  /** A complete response; the caller owns (writes or releases) it. */
  static FullHttpResponse full(
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
  static FullHttpResponse error(
      ByteBufAllocator alloc, ApiError error, byte[] json, boolean keepAlive) {
    FullHttpResponse response = full(alloc, error.status(), JSON, json, keepAlive);
    if (error.retryAfterSeconds() > 0) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, error.retryAfterSeconds());
    }
    return response;
  }
}
