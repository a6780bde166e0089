package dev.llmscale.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses, with the status and the OpenAI error body ({@code
 * {"error":{"message","type","param","code"}}}) to send. Thrown while parsing and validating,
 * caught at the HTTP edge; carries no stack trace because it is an answer, not a fault.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpResponseStatus status;
  private final String type;
  private final String param;
  private final String code;

  ApiError(HttpResponseStatus status, String message, String type, String param, String code) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  static ApiError invalid(String message, String param, String code) {
    return new ApiError(
        HttpResponseStatus.BAD_REQUEST, message, "invalid_request_error", param, code);
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

  static ApiError unsupported(String param, String message) {
    return invalid(message, param, "unsupported_value");
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
        "model_not_found");
  }

  static ApiError unknownUrl(String method, String path) {
    return new ApiError(
        HttpResponseStatus.NOT_FOUND,
        "Invalid URL (" + method + " " + path + ")",
        "invalid_request_error",
        null,
        "not_found");
  }

  static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        "Invalid method for URL (" + method + " " + path + ")",
        "invalid_request_error",
        null,
        "method_not_allowed");
  }

  static ApiError bodyTooLarge(int limitBytes) {
    return new ApiError(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body is larger than the limit of " + limitBytes + " bytes.",
        "invalid_request_error",
        null,
        "request_too_large");
  }

  static ApiError unavailable(String message) {
    return new ApiError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        message,
        "server_error",
        null,
        "service_unavailable");
  }

  static ApiError internal(String message) {
    return new ApiError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, message, "server_error", null, "internal_error");
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
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an error body", e);
    }
  }
}
