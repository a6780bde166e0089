package dev.llmscale.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * A request the server answers itself with an OpenAI error body ({@code
 * {"error":{"message","type","param","code"}}}), worded as vLLM words bad input. Thrown while
 * validating, caught at the HTTP edge; carries no stack trace because it is an answer, not a fault.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String INVALID_REQUEST = "invalid_request_error";
  private static final String SERVER_ERROR = "server_error";

  private final HttpResponseStatus status;
  private final String type;
  private final String param;
  private final String code;
  private final long retryAfterSeconds;

  /**
   * @param retryAfterSeconds value of a {@code Retry-After} header; 0 for none
   */
  public ApiError(
      HttpResponseStatus status,
      String message,
      String type,
      String param,
      String code,
      long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError invalid(String message, String param, String code) {
    return new ApiError(HttpResponseStatus.BAD_REQUEST, message, INVALID_REQUEST, param, code, 0);
  }

  public static ApiError malformedJson(String detail) {
    return invalid("We could not parse the JSON body of your request: " + detail, null, null);
  }

  public static ApiError missing(String param) {
    return invalid(
        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  /** {@code got} is described by its JSON type ("a string", "an array", "null", …). */
  public static ApiError wrongType(String param, String expected, JsonNode got) {
    return invalid(
        "Invalid type for '"
            + param
            + "': expected "
            + expected
            + ", but got "
            + describe(got)
            + " instead.",
        param,
        "invalid_type");
  }

  public static ApiError belowMinimum(String param, long minimum, long got) {
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

  public static ApiError unsupported(String param, String message) {
    return invalid(message, param, "unsupported_value");
  }

  public static ApiError contextLengthExceeded(String message, String param) {
    return invalid(message, param, "context_length_exceeded");
  }

  public static ApiError modelNotFound(String model) {
    return new ApiError(
        HttpResponseStatus.NOT_FOUND,
        "The model `" + model + "` does not exist.",
        INVALID_REQUEST,
        "model",
        "model_not_found",
        0);
  }

  public static ApiError unknownUrl(String method, String path) {
    return new ApiError(
        HttpResponseStatus.NOT_FOUND,
        "Invalid URL (" + method + " " + path + ")",
        INVALID_REQUEST,
        null,
        "not_found",
        0);
  }

  public static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        "Invalid method for URL (" + method + " " + path + ")",
        INVALID_REQUEST,
        null,
        "method_not_allowed",
        0);
  }

  public static ApiError bodyTooLarge(int limitBytes) {
    return new ApiError(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body is larger than the limit of " + limitBytes + " bytes.",
        INVALID_REQUEST,
        null,
        "request_too_large",
        0);
  }

  /** 503: the server takes no requests now. */
  public static ApiError unavailable(String message) {
    return unavailable(message, 0);
  }

  /** 503 with a {@code Retry-After} of {@code retryAfterSeconds} (0 for none). */
  public static ApiError unavailable(String message, long retryAfterSeconds) {
    return new ApiError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        message,
        SERVER_ERROR,
        null,
        "service_unavailable",
        retryAfterSeconds);
  }

  public static ApiError internal(String message) {
    return new ApiError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, message, SERVER_ERROR, null, "internal_error", 0);
  }

  public HttpResponseStatus status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }

  /** Seconds for a {@code Retry-After} header; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The OpenAI error body. */
  public byte[] toJson(ObjectMapper mapper) {
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

  /** A JSON value as an error message names it: "a string", "an array", "null", … */
  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
