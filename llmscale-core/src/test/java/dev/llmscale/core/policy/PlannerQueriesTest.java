package dev.llmscale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.SeriesStore;
import dev.llmscale.core.metrics.promql.PromqlEvaluator;
import dev.llmscale.core.metrics.promql.PromqlQuery;
import dev.llmscale.core.metrics.promql.PromqlValue;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerQueriesTest {
  private static final String TTFT = "llmscale_frontend_time_to_first_token_seconds";
  private static final String ENDED = "llmscale_frontend_requests_total";
  private static final String REQUESTS =
      "sum(increase("
          + TTFT
          + "_count[1h])) + sum(increase("
          + ENDED
          + "{request_type=\"stream\",error_type=~\"none|overload\"}[1h])) - sum(increase("
          + ENDED
          + "{request_type=\"stream\",error_type=\"none\"}[1h]))";

  @ParameterizedTest(name = "target {0} s reads the bucket le={1}")
  @CsvSource({"0.5, '0\\\\.5'", "1.0, '1|1\\\\.0'", "0.45, '0\\\\.44'", "3.0, '3|3\\\\.0'"})
  void aTargetIsReadAtTheLargestBucketBoundNotAboveIt(double target, String le) {
    Map<PlannerSignal, String> queries =
        PlannerQueries.errorBudget("llmscale_frontend_", target, "1m", "1h");

    assertThat(queries.get(PlannerSignal.PERIOD_REQUESTS)).isEqualTo(REQUESTS);
    assertThat(queries.get(PlannerSignal.PERIOD_TTFT_MISSES))
        .isEqualTo(REQUESTS + " - sum(increase(" + TTFT + "_bucket{le=~\"" + le + "\"}[1h]))");
    assertThat(queries.get(PlannerSignal.TTFT_ATTAINMENT)).contains("le=~\"" + le + "\"}[1m]");
  }

  @ParameterizedTest(name = "the gateway writes le=\"{0}\"")
  @CsvSource({"0.5, 0.5", "1, 1.0", "1.0, 1.0"})
  void theQueriesCountFirstTokensAsAPrometheusServerWould(String written, double target) {
    // 600 first tokens in 10 minutes, 24 of them later than the target, 12 of their requests
    // still streaming at the end; 30 more streams refused before a first token; and, not counted,
    // 18 streams cut off (after their first token or before: the counter cannot tell), 6
    // non-streaming refusals (non-streaming successes have no first token either), 60 bad
    // requests from the client; an hour's period
    SeriesStore store = new SeriesStore(3_600_000);
    for (int second = 0; second <= 600; second += 15) {
      long millis = second * 1000L;
      store.append(
          Labels.metric(TTFT + "_bucket", "model", "m", "le", written), millis, 0.96 * second);
      store.append(Labels.metric(TTFT + "_count", "model", "m"), millis, 1.0 * second);
      store.append(ended("stream", "success", "none"), millis, 0.98 * second);
      store.append(ended("stream", "error", "overload"), millis, 0.05 * second);
      store.append(ended("stream", "error", "cancelled"), millis, 0.03 * second);
      store.append(ended("unary", "error", "overload"), millis, 0.01 * second);
      store.append(ended("stream", "error", "validation"), millis, 0.1 * second);
    }
    Map<PlannerSignal, String> queries =
        PlannerQueries.errorBudget("llmscale_frontend_", target, "1m", "1h");
    PromqlEvaluator evaluator = new PromqlEvaluator(store);

    assertThat(value(evaluator, queries.get(PlannerSignal.PERIOD_REQUESTS)))
        .isCloseTo(630, within(1e-6));
    assertThat(value(evaluator, queries.get(PlannerSignal.PERIOD_TTFT_MISSES)))
        .isCloseTo(24 + 30, within(1e-6));
    // in the window too: 0.96 of the first tokens in time, of the first tokens and refusals
    assertThat(value(evaluator, queries.get(PlannerSignal.TTFT_ATTAINMENT)))
        .isCloseTo(0.96 / 1.05, within(1e-9));
  }

  @org.junit.jupiter.api.Test
  void aPeriodWithoutFailuresStillReadsItsRequestsAndMisses() {
    // the refusal series appears with the first refusal: until then the requests are the first
    // tokens alone, not an empty result
    SeriesStore store = new SeriesStore(3_600_000);
    for (int second = 0; second <= 600; second += 15) {
      long millis = second * 1000L;
      store.append(
          Labels.metric(TTFT + "_bucket", "model", "m", "le", "0.5"), millis, 0.96 * second);
      store.append(Labels.metric(TTFT + "_count", "model", "m"), millis, 1.0 * second);
      store.append(ended("stream", "success", "none"), millis, 1.0 * second);
    }
    Map<PlannerSignal, String> queries =
        PlannerQueries.errorBudget("llmscale_frontend_", 0.5, "1m", "1h");
    PromqlEvaluator evaluator = new PromqlEvaluator(store);

    assertThat(value(evaluator, queries.get(PlannerSignal.PERIOD_REQUESTS)))
        .isCloseTo(600, within(1e-6));
    assertThat(value(evaluator, queries.get(PlannerSignal.PERIOD_TTFT_MISSES)))
        .isCloseTo(24, within(1e-6));
  }

  private static Labels ended(String requestType, String status, String errorType) {
    return Labels.metric(
        ENDED,
        "model",
        "m",
        "request_type",
        requestType,
        "status",
        status,
        "error_type",
        errorType);
  }

  private static double value(PromqlEvaluator evaluator, String query) {
    PromqlValue value = evaluator.evaluate(PromqlQuery.parse(query), 600_000);
    assertThat(value).as(query).isInstanceOf(PromqlValue.InstantVector.class);
    var samples = ((PromqlValue.InstantVector) value).samples();
    assertThat(samples).as(query).hasSize(1);
    return samples.getFirst().value();
  }

  @org.junit.jupiter.api.Test
  void aTargetBelowEveryBucketCannotBeRead() {
    assertThatThrownBy(() -> PlannerQueries.errorBudget("p_", 0.001, "1m", "1h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below the gateway's smallest TTFT bucket");
  }
}
