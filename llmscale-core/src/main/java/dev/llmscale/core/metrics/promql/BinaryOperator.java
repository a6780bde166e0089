package dev.llmscale.core.metrics.promql;

/**
 * The arithmetic operators of the subset; IEEE 754 like Go: {@code 1/0} is +Inf, {@code 0/0} NaN.
 */
enum BinaryOperator {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  DIVIDE("/");

  private final String symbol;

  BinaryOperator(String symbol) {
    this.symbol = symbol;
  }

  double apply(double left, double right) {
    return switch (this) {
      case ADD -> left + right;
      case SUBTRACT -> left - right;
      case MULTIPLY -> left * right;
      case DIVIDE -> left / right;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
