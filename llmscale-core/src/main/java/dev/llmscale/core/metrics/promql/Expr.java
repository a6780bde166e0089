package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import java.util.List;

/** The syntax tree of a parsed query; each node knows its static type. */
sealed interface Expr {

  ValueType type();

  record NumberLiteral(double value) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.SCALAR;
    }
  }

  /** {@code name{matchers}}: the latest value of each matching series within the lookback. */
  record VectorSelector(String metricName, List<LabelMatcher> matchers) implements Expr {
    public VectorSelector {
      matchers = List.copyOf(matchers);
    }

    boolean matches(Labels series) {
      for (LabelMatcher matcher : matchers) {
        if (!matcher.matches(series)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public ValueType type() {
      return ValueType.INSTANT_VECTOR;
    }
  }

  /** {@code name{matchers}[range]}. */
  record RangeSelector(VectorSelector selector, long rangeMillis) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.RANGE_VECTOR;
    }
  }

  record Call(Function function, List<Expr> arguments) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }

    @Override
    public ValueType type() {
      return ValueType.INSTANT_VECTOR;
    }
  }

  record Aggregation(Aggregator aggregator, Grouping grouping, Expr operand) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.INSTANT_VECTOR;
    }
  }

  record Binary(BinaryOperator operator, Expr left, Expr right, VectorMatching matching)
      implements Expr {
    @Override
    public ValueType type() {
      return left.type() == ValueType.SCALAR && right.type() == ValueType.SCALAR
          ? ValueType.SCALAR
          : ValueType.INSTANT_VECTOR;
    }
  }

  /** Unary minus. */
  record Negation(Expr operand) implements Expr {
    @Override
    public ValueType type() {
      return operand.type();
    }
  }
}
