package dev.llmscale.core.metrics.promql;

/** The static type of an expression, checked while parsing as Prometheus does. */
enum ValueType {
  SCALAR("a scalar"),
  INSTANT_VECTOR("an instant vector"),
  RANGE_VECTOR("a range vector");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  /** With its article: "a scalar", "an instant vector", "a range vector". */
  @Override
  public String toString() {
    return description;
  }
}
