package dev.llmscale.core.metrics.promql;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.RangeSeries;
import dev.llmscale.core.metrics.Sample;
import dev.llmscale.core.metrics.SeriesStore;
import dev.llmscale.core.metrics.promql.Expr.Aggregation;
import dev.llmscale.core.metrics.promql.Expr.Binary;
import dev.llmscale.core.metrics.promql.Expr.Call;
import dev.llmscale.core.metrics.promql.Expr.Negation;
import dev.llmscale.core.metrics.promql.Expr.NumberLiteral;
import dev.llmscale.core.metrics.promql.Expr.RangeSelector;
import dev.llmscale.core.metrics.promql.Expr.VectorSelector;
import dev.llmscale.core.metrics.promql.PromqlValue.InstantVector;
import dev.llmscale.core.metrics.promql.PromqlValue.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Evaluates {@link PromqlQuery queries} against a {@link SeriesStore} at a given time, with
 * Prometheus 3's semantics: instant selectors look back {@value #DEFAULT_LOOKBACK_MILLIS} ms
 * (left-open) and stop at stale markers, range windows are left-open, functions and arithmetic drop
 * the metric name, aggregations and vector matching follow the engine's rules.
 *
 * <p>Differences from Prometheus 2 (as in the 2.42 Debian package): there the lookback and range
 * windows include their left edge, and {@code rate} applies the counter zero-point limit before the
 * 1.1 × spacing rule. Results differ only when a sample falls exactly on a window's edge, or when a
 * counter is extrapolated close to zero.
 */
public final class PromqlEvaluator {
  /** Prometheus's default {@code --query.lookback-delta}: 5 minutes. */
  public static final long DEFAULT_LOOKBACK_MILLIS = 300_000;

  private final SeriesStore store;
  private final long lookbackMillis;

  public PromqlEvaluator(SeriesStore store) {
    this(store, DEFAULT_LOOKBACK_MILLIS);
  }

  public PromqlEvaluator(SeriesStore store, long lookbackMillis) {
    if (lookbackMillis <= 0) {
      throw new IllegalArgumentException("lookback must be positive: " + lookbackMillis + " ms");
    }
    this.store = store;
    this.lookbackMillis = lookbackMillis;
  }

  /**
   * @param timeMillis the evaluation time on the store's clock
   * @throws PromqlEvaluationException when the data makes the query invalid (many-to-many match)
   */
  public PromqlValue evaluate(PromqlQuery query, long timeMillis) {
    PromqlValue value = evaluate(query.root(), timeMillis);
    if (value instanceof InstantVector vector) {
      List<Sample> sorted = new ArrayList<>(vector.samples());
      sorted.sort(Comparator.comparing(Sample::labels));
      return new InstantVector(sorted);
    }
    return value;
  }

  private PromqlValue evaluate(Expr expr, long time) {
    return switch (expr) {
      case NumberLiteral number -> new Scalar(number.value());
      case VectorSelector selector ->
          new InstantVector(
              store.instantVector(selector.metricName(), selector::matches, time, lookbackMillis));
      case RangeSelector range ->
          throw new IllegalStateException(
              "a range selector is evaluated by its function: " + range);
      case Negation negation -> negate(evaluate(negation.operand(), time));
      case Call call -> call(call, time);
      case Aggregation aggregation -> aggregate(aggregation, time);
      case Binary binary -> binary(binary, time);
    };
  }

  private static PromqlValue negate(PromqlValue operand) {
    if (operand instanceof Scalar scalar) {
      return new Scalar(-scalar.value());
    }
    List<Sample> negated = new ArrayList<>();
    for (Sample sample : vector(operand)) {
      negated.add(new Sample(sample.labels().withoutMetricName(), -sample.value()));
    }
    return new InstantVector(negated);
  }

  private PromqlValue call(Call call, long time) {
    List<Expr> arguments = call.arguments();
    return switch (call.function()) {
      case HISTOGRAM_QUANTILE ->
          new InstantVector(
              BucketQuantile.histogramQuantile(
                  scalar(arguments.get(0), time), vector(evaluate(arguments.get(1), time))));
      case CLAMP ->
          clamp(
              evaluate(arguments.get(0), time),
              scalar(arguments.get(1), time),
              scalar(arguments.get(2), time));
      case CLAMP_MIN ->
          clamp(
              evaluate(arguments.get(0), time),
              scalar(arguments.get(1), time),
              Double.POSITIVE_INFINITY);
      case CLAMP_MAX ->
          clamp(
              evaluate(arguments.get(0), time),
              Double.NEGATIVE_INFINITY,
              scalar(arguments.get(1), time));
      default -> rangeFunction(call.function(), (RangeSelector) arguments.get(0), time);
    };
  }

  private PromqlValue rangeFunction(Function function, RangeSelector range, long time) {
    VectorSelector selector = range.selector();
    List<Sample> result = new ArrayList<>();
    for (RangeSeries series :
        store.rangeVector(selector.metricName(), selector::matches, time, range.rangeMillis())) {
      OptionalDouble value = RangeFunctions.apply(function, series, time, range.rangeMillis());
      if (value.isPresent()) {
        result.add(new Sample(series.labels().withoutMetricName(), value.getAsDouble()));
      }
    }
    return new InstantVector(result);
  }

  /** As Prometheus: an empty result when max is below min, Go's max/min otherwise. */
  private static PromqlValue clamp(PromqlValue operand, double min, double max) {
    List<Sample> clamped = new ArrayList<>();
    if (max < min) {
      return new InstantVector(clamped);
    }
    for (Sample sample : vector(operand)) {
      double value = PrometheusArithmetic.max(min, PrometheusArithmetic.min(max, sample.value()));
      clamped.add(new Sample(sample.labels().withoutMetricName(), value));
    }
    return new InstantVector(clamped);
  }

  private PromqlValue aggregate(Aggregation aggregation, long time) {
    Map<Labels, List<Double>> groups = new LinkedHashMap<>();
    for (Sample sample : vector(evaluate(aggregation.operand(), time))) {
      groups
          .computeIfAbsent(aggregation.grouping().groupOf(sample.labels()), g -> new ArrayList<>())
          .add(sample.value());
    }
    List<Sample> result = new ArrayList<>(groups.size());
    groups.forEach(
        (labels, values) -> {
          double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
          result.add(new Sample(labels, aggregation.aggregator().reduce(array, array.length)));
        });
    return new InstantVector(result);
  }

  private PromqlValue binary(Binary binary, long time) {
    PromqlValue left = evaluate(binary.left(), time);
    PromqlValue right = evaluate(binary.right(), time);
    BinaryOperator operator = binary.operator();
    if (left instanceof Scalar l && right instanceof Scalar r) {
      return new Scalar(operator.apply(l.value(), r.value()));
    }
    if (left instanceof InstantVector l && right instanceof InstantVector r) {
      return new InstantVector(
          VectorMatcher.apply(operator, l.samples(), r.samples(), binary.matching()));
    }
    List<Sample> result = new ArrayList<>();
    boolean scalarOnLeft = left instanceof Scalar;
    double scalar = scalarOnLeft ? ((Scalar) left).value() : ((Scalar) right).value();
    for (Sample sample : vector(scalarOnLeft ? right : left)) {
      double value =
          scalarOnLeft
              ? operator.apply(scalar, sample.value())
              : operator.apply(sample.value(), scalar);
      result.add(new Sample(sample.labels().withoutMetricName(), value));
    }
    return new InstantVector(result);
  }

  private double scalar(Expr expr, long time) {
    return ((Scalar) evaluate(expr, time)).value();
  }

  private static List<Sample> vector(PromqlValue value) {
    return ((InstantVector) value).samples();
  }
}
