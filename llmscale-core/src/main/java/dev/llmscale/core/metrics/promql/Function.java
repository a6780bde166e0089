package dev.llmscale.core.metrics.promql;

import static dev.llmscale.core.metrics.promql.ValueType.INSTANT_VECTOR;
import static dev.llmscale.core.metrics.promql.ValueType.RANGE_VECTOR;
import static dev.llmscale.core.metrics.promql.ValueType.SCALAR;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The functions of the subset, with the argument types the parser checks. */
enum Function {
  RATE("rate", RANGE_VECTOR),
  INCREASE("increase", RANGE_VECTOR),
  DELTA("delta", RANGE_VECTOR),
  IRATE("irate", RANGE_VECTOR),
  AVG_OVER_TIME("avg_over_time", RANGE_VECTOR),
  MIN_OVER_TIME("min_over_time", RANGE_VECTOR),
  MAX_OVER_TIME("max_over_time", RANGE_VECTOR),
  SUM_OVER_TIME("sum_over_time", RANGE_VECTOR),
  COUNT_OVER_TIME("count_over_time", RANGE_VECTOR),
  HISTOGRAM_QUANTILE("histogram_quantile", SCALAR, INSTANT_VECTOR),
  CLAMP("clamp", INSTANT_VECTOR, SCALAR, SCALAR),
  CLAMP_MIN("clamp_min", INSTANT_VECTOR, SCALAR),
  CLAMP_MAX("clamp_max", INSTANT_VECTOR, SCALAR);

  private final String promqlName;
  private final List<ValueType> parameters;

  Function(String promqlName, ValueType... parameters) {
    this.promqlName = promqlName;
    this.parameters = List.of(parameters);
  }

  static Optional<Function> named(String name) {
    return Arrays.stream(values()).filter(f -> f.promqlName.equals(name)).findFirst();
  }

  static String supported() {
    return Arrays.stream(values()).map(f -> f.promqlName).collect(Collectors.joining(", "));
  }

  List<ValueType> parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return promqlName;
  }
}
