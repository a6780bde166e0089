package dev.llmscale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the gateway answers itself with an OpenAI error body ({@code
 * {"error":{"message","type","param","code"}}}), with the same wording as the emulator and vLLM for
 * bad input. Thrown while validating, caught at the HTTP edge; carries no stack trace because it is
 * an answer, not a fault. {@link #errorType()} is the {@code error_type} label of {@code
 * requests_total}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpResponseStatus status;
  private final String type;
  private final String param;
  private final String code;
  private final ErrorType errorType;
  private final long retryAfterSeconds;

  private ApiError(
      HttpResponseStatus status,
      String message,
      String type,
      String param,
      String code,
      ErrorType errorType,
      long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.errorType = errorType;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiError invalid(String message, String param, String code) {
    return new ApiError(
        HttpResponseStatus.BAD_REQUEST,
        message,
        "invalid_request_error",
        param,
        code,
        ErrorType.VALIDATION,
        0);
  }

  static ApiError malformedJson(String detail) {
    return invalid("We could not parse the JSON body of your request: " + detail, null, null);
  }

  static ApiError missing(String param) {
    return invalid(
        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  static ApiError wrongType(String param, String expected, String got) {
    return invalid(
        "Invalid type for '" + param + "': expected " + expected + ", but got " + got + " instead.",
        param,
        "invalid_type");
  }

  static ApiError belowMinimum(String param, long minimum, long got) {
    return invalid(
        "Invalid '"
            + param
            + "': integer below minimum value. Expected a value >= "
            + minimum
            + ", but got "
            + got
            + " instead.",
        param,
        "integer_below_min_value");
  }

  static ApiError contextLengthExceeded(String message, String param) {
    return invalid(message, param, "context_length_exceeded");
  }

  static ApiError modelNotFound(String model) {
    return new ApiError(
        HttpResponseStatus.NOT_FOUND,
        "The model `" + model + "` does not exist.",
        "invalid_request_error",
        "model",
        "model_not_found",
        ErrorType.NOT_FOUND,
        0);
  }

  static ApiError unknownUrl(String method, String path) {
    return new ApiError(
        HttpResponseStatus.NOT_FOUND,
        "Invalid URL (" + method + " " + path + ")",
        "invalid_request_error",
        null,
        "not_found",
        ErrorType.NOT_FOUND,
        0);
  }

  static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        "Invalid method for URL (" + method + " " + path + ")",
        "invalid_request_error",
        null,
        "method_not_allowed",
        ErrorType.VALIDATION,
        0);
  }

  static ApiError bodyTooLarge(int limitBytes) {
    return new ApiError(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body is larger than the limit of " + limitBytes + " bytes.",
        "invalid_request_error",
        null,
        "request_too_large",
        ErrorType.VALIDATION,
        0);
  }

  /** No replica can take the request at all (none configured, healthy, or serving the model). */
  static ApiError noReplicas(String message) {
    return new ApiError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        message,
        "server_error",
        null,
        "service_unavailable",
        ErrorType.UNAVAILABLE,
        1);
  }

  /** Every replica tried failed before answering. */
  static ApiError upstreamFailed(String message) {
    return new ApiError(
        HttpResponseStatus.BAD_GATEWAY,
        message,
        "server_error",
        null,
        "upstream_error",
        ErrorType.UNAVAILABLE,
        0);
  }

  /** The replica accepted the request and then went silent. */
  static ApiError upstreamTimeout(String message) {
    return new ApiError(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        message,
        "server_error",
        null,
        "upstream_timeout",
        ErrorType.RESPONSE_TIMEOUT,
        0);
  }

  /** A stream broke after its head went out; sent as an SSE error event. */
  static ApiError streamBroken(String message, ErrorType errorType) {
    return new ApiError(
        HttpResponseStatus.BAD_GATEWAY,
        message,
        "server_error",
        null,
        "upstream_error",
        errorType,
        0);
  }

  /** Admission control: the request cannot start within its TTFT budget. */
  static ApiError overloaded(HttpResponseStatus status, String message, long retryAfterSeconds) {
    return new ApiError(
        status,
        message,
        status.code() == 429 ? "rate_limit_error" : "server_error",
        null,
        "ttft_budget_exceeded",
        ErrorType.OVERLOAD,
        retryAfterSeconds);
  }

  static ApiError shuttingDown() {
    return new ApiError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "The gateway is shutting down and takes no new requests.",
        "server_error",
        null,
        "service_unavailable",
        ErrorType.UNAVAILABLE,
        1);
  }

  static ApiError internal(String message) {
    return new ApiError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR,
        message,
        "server_error",
        null,
        "internal_error",
        ErrorType.INTERNAL,
        0);
  }

  HttpResponseStatus status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }

  ErrorType errorType() {
    return errorType;
  }

  /** Seconds for a {@code Retry-After} header; 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The OpenAI error body. */
  byte[] toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an error body", e);
    }
  }
}
