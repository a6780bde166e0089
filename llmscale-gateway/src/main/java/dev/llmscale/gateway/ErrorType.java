package dev.llmscale.gateway;

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
}
