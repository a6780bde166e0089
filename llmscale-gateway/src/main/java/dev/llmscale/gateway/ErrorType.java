package dev.llmscale.gateway;

import dev.llmscale.openai.ApiError;

/**
 * Why a request failed: the {@code error_type} label of {@code requests_total}, with the values of
 * Dynamo's frontend so that dashboards and alerts carry over.
 */
enum ErrorType {
  NONE("none"),
  VALIDATION("validation"),
  NOT_FOUND("not_found"),
  OVERLOAD("overload"),
  UNAVAILABLE("unavailable"),
  CANCELLED("cancelled"),
  RESPONSE_TIMEOUT("response_timeout"),
  INTERNAL("internal");

  final String label;

  ErrorType(String label) {
    this.label = label;
  }

  /** The label of a request the gateway answered with {@code error}, told by its OpenAI code. */
  static ErrorType of(ApiError error) {
    String code = error.code();
    if (code == null) {
      return error.status().code() < 500 ? VALIDATION : INTERNAL;
    }
    return switch (code) {
      case "model_not_found", "not_found" -> NOT_FOUND;
      case "ttft_budget_exceeded" -> OVERLOAD;
      case "service_unavailable", "upstream_error" -> UNAVAILABLE;
      case "upstream_timeout" -> RESPONSE_TIMEOUT;
      case "internal_error" -> INTERNAL;
      default -> error.status().code() < 500 ? VALIDATION : INTERNAL;
    };
  }
}
