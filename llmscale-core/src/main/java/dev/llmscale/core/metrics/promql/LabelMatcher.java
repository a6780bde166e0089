package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import java.util.regex.Pattern;

/**
 * One matcher of a selector, such as {@code model="m"} or {@code status!~"5.."}. A series without
 * the label matches as if its value were empty. Regular expressions are anchored at both ends and
 * {@code .} matches newlines, as in Prometheus 3; their syntax is Java's, which agrees with RE2 on
 * the constructs label matchers use.
 */
record LabelMatcher(String name, Operator operator, String value, Pattern pattern) {

  enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }
  }

  /**
   * @throws java.util.regex.PatternSyntaxException for a bad regular expression
   */
  static LabelMatcher of(String name, Operator operator, String value) {
    Pattern pattern = operator.isRegex() ? Pattern.compile("^(?s:" + value + ")$") : null;
    return new LabelMatcher(name, operator, value, pattern);
  }

  boolean matches(Labels labels) {
    String actual = labels.get(name);
    return switch (operator) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> pattern.matcher(actual).matches();
      case NOT_REGEX -> !pattern.matcher(actual).matches();
    };
  }

  @Override
  public String toString() {
    return name + operator.symbol + '"' + value + '"';
  }
}
