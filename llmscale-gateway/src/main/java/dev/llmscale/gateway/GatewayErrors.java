package dev.llmscale.gateway;

import dev.llmscale.openai.ApiError;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The errors only a gateway gives: no replica to ask, a replica that failed, overload. */
final class GatewayErrors {
  private static final String SERVER_ERROR = "server_error";

  private GatewayErrors() {}

  /** No replica can take the request at all (none configured, healthy, or serving the model). */
  static ApiError noReplicas(String message) {
    return ApiError.unavailable(message, 1);
  }

  static ApiError shuttingDown() {
    return ApiError.unavailable("The gateway is shutting down and takes no new requests.", 1);
  }

  /** Every replica tried failed before answering. */
  static ApiError upstreamFailed(String message) {
    return new ApiError(
        HttpResponseStatus.BAD_GATEWAY, message, SERVER_ERROR, null, "upstream_error", 0);
  }

  /** The replica accepted the request and then went silent. */
  static ApiError upstreamTimeout(String message) {
    return new ApiError(
        HttpResponseStatus.GATEWAY_TIMEOUT, message, SERVER_ERROR, null, "upstream_timeout", 0);
  }

  /** A stream broke after its head went out; sent as an SSE error event. */
  static ApiError streamBroken(String message) {
    return upstreamFailed(message);
  }

  /** Admission control: the request cannot start within its TTFT budget. */
  static ApiError overloaded(HttpResponseStatus status, String message, long retryAfterSeconds) {
    return new ApiError(
        status,
        message,
        status.code() == 429 ? "rate_limit_error" : SERVER_ERROR,
        null,
        "ttft_budget_exceeded",
        retryAfterSeconds);
  }
}
