package dev.llmscale.core.policy;

import static dev.llmscale.core.policy.FleetStub.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner spending an error budget: p99 TTFT 0.3 s over an hour, a lead time of 285 s and a 15
 * s tick (a 300 s horizon), so at 40 req/s the horizon holds 12,000 first tokens.
 */
class SloPlannerErrorBudgetTest {
  private static final String S = "svc";
  private static final SloTargets SLO = new SloTargets(0.3, 0.05, 0.99);
  private static final SloPlannerConfig.ErrorBudget HOUR =
      new SloPlannerConfig.ErrorBudget(Duration.ofHours(1));

  private static SloPlannerConfig config(SloPlannerConfig.ErrorBudget budget) {
    return SloPlannerConfig.aggregated(S, 1, 50, SLO)
        .withLeadTimePrior(Duration.ofSeconds(285), 3)
        .withErrorBudget(budget);
  }

  /** A replica carries 5 req/s with 1 % of first tokens late, more as more may be late. */
  private static final class ByQuantile implements CapacityModel {
    private final double quantile;

    ByQuantile(double quantile) {
      this.quantile = quantile;
    }

    @Override
    public double maxRatePerReplica(PoolRole role, LoadShape shape) {
      return Map.of(0.99, 5.0, 0.98, 5.5, 0.97, 6.0, 0.95, 7.0).get(round(quantile));
    }

    @Override
    public CapacityModel withTtftQuantile(double q) {
      return q < quantile ? new ByQuantile(q) : this;
    }

    private static double round(double q) {
      return Math.round(q * 1000) / 1000.0;
    }

    @Override
    public String describe() {
      return "by quantile";
    }
  }

  private static Map<String, MetricReading> readings(
      double rate, Double periodRequests, Double periodMisses) {
    Map<String, MetricReading> readings = new HashMap<>(SloPlanner.signals(rate, 1000, 200));
    if (periodRequests != null) {
      readings.put(PlannerSignal.PERIOD_REQUESTS.metric(), MetricReading.of(periodRequests));
      readings.put(PlannerSignal.PERIOD_TTFT_MISSES.metric(), MetricReading.of(periodMisses));
    } else {
      readings.put(PlannerSignal.PERIOD_REQUESTS.metric(), MetricReading.failed("no data"));
      readings.put(PlannerSignal.PERIOD_TTFT_MISSES.metric(), MetricReading.failed("no data"));
    }
    return readings;
  }

  static Stream<Arguments> sizing() {
    return Stream.of(
        arguments(
            "no budget configured: 85 % of 5 req/s -> ceil(40 / 4.25) = 10",
            SloPlannerConfig.ErrorBudget.OFF,
            100_000.0,
            200.0,
            10,
            "a replica carries 5.00 req/s at p99 TTFT <= 0.300 s"),
        arguments(
            "800 misses unspent, 11/12 of them still in the period when the horizon ends: 1 % + 733 /"
                + " 12,000 = 7.1 % may be late -> sized for 5 % (7 req/s) -> ceil(40 / 5.95) = 7",
            HOUR,
            100_000.0,
            200.0,
            7,
            "planned at 85 % -> needs 7 (error budget: 800 misses unspent, 7.1 %"),
        arguments(
            "300 unspent: 3.3 % -> sized for 3 % (6 req/s) -> 8",
            HOUR,
            100_000.0,
            700.0,
            8,
            "a replica carries 6.00 req/s at p97 TTFT <= 0.300 s, p99 ITL <= 0.050 s"),
        arguments(
            "150 unspent: 2.1 % -> sized for 2 % (5.5 req/s) -> 9",
            HOUR, 100_000.0, 850.0, 9, "capacity sized for 2 % late"),
        arguments(
            "50 unspent: 1.4 % -> the SLO's own quantile -> 10",
            HOUR, 100_000.0, 950.0, 10, "capacity sized for 1 % late"),
        arguments(
            "overspent: never stricter than the SLO itself -> 10",
            HOUR,
            100_000.0,
            1_500.0,
            10,
            "1.0 % of the horizon's"),
        arguments(
            "the period's readings failed: no budget -> 10",
            HOUR,
            null,
            null,
            10,
            "a replica carries 5.00 req/s at p99 TTFT <= 0.300 s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizing")
  void unspentMissesSizeCapacityAtALaxerQuantileButNeverRemoveIt(
      String name,
      SloPlannerConfig.ErrorBudget budget,
      Double requests,
      Double misses,
      int needed,
      String reason) {
    SloPlanner planner =
        new SloPlanner(config(budget).withScaleDown(Duration.ZERO, 1), new ByQuantile(0.99));
    for (long t = 0; t <= 30; t += 15) {
      planner.tick(
          t * SECOND, Observation.of(S, ServiceState.steady(10), readings(40, requests, misses)));
    }

    assertThat(planner.lastPlan(S).needed()).isEqualTo(needed);
    assertThat(planner.lastPlan(S).reason()).contains(reason);
    // without a scale-down window, only the SLO's own quantile keeps the 10 replicas
    assertThat(planner.lastPlan(S).desiredReplicas()).isEqualTo(10);
    if (needed < 10) {
      assertThat(planner.lastPlan(S).reason())
          .contains(
              "at p99 TTFT <= 0.300 s, p99 ITL <= 0.050 s it needs 10: the budget removes"
                  + " nothing");
    }
  }

  @org.junit.jupiter.api.Test
  void whatTheSlosOwnQuantileDoesNotNeedIsRemovedAsWithoutABudget() {
    // 30 req/s: the survivors at most 70 % of the p99 capacity, 30 / (5 x 0.7) -> 9; the budget's
    // 7 req/s would keep 7
    SloPlanner planner =
        new SloPlanner(config(HOUR).withScaleDown(Duration.ZERO, 1), new ByQuantile(0.99));
    for (long t = 0; t <= 30; t += 15) {
      planner.tick(
          t * SECOND, Observation.of(S, ServiceState.steady(10), readings(30, 100_000.0, 200.0)));
    }

    assertThat(planner.lastPlan(S).desiredReplicas()).isEqualTo(9);
    assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.SCALE_DOWN);
  }

  static Stream<Arguments> breaches() {
    // 4 ready at 10 req/s: the horizon holds 3,000 first tokens; 100 unspent -> 1 % + 92 / 3,000 =
    // 4.1 % may be late
    return Stream.of(
        arguments("3 % late, within the 4.1 % the budget allows: no breach", HOUR, 0.97, 4, null),
        arguments(
            "5 % late, beyond it: panic, factor 0.4 / 0.3 -> 6",
            HOUR,
            0.95,
            6,
            "5.0 % of first tokens later than 0.30 s > the 4.1 % the error budget allows"),
        arguments(
            "no budget: the tail alone is a breach",
            SloPlannerConfig.ErrorBudget.OFF,
            0.97,
            6,
            "p99 TTFT 0.40 s > 0.30 s target"),
        arguments(
            "budget on, attainment unreadable: the tail alone is a breach",
            HOUR,
            null,
            6,
            "p99 TTFT 0.40 s > 0.30 s target"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breaches")
  void aTailAboveTargetIsABreachOnlyWhenItsLateShareOutrunsTheBudget(
      String name,
      SloPlannerConfig.ErrorBudget budget,
      Double attainment,
      int expected,
      String reason) {
    SloPlanner planner = new SloPlanner(config(budget), FixedCapacity.of(5));
    planner.tick(0, Observation.of(S, ServiceState.steady(4), readings(10, 100_000.0, 900.0)));
    Map<String, MetricReading> now = readings(10, 100_000.0, 900.0);
    now.put(PlannerSignal.TTFT_TAIL.metric(), MetricReading.of(0.4));
    if (attainment != null) {
      now.put(PlannerSignal.TTFT_ATTAINMENT.metric(), MetricReading.of(attainment));
    }

    ServiceDecision decision =
        planner.tick(15 * SECOND, Observation.of(S, ServiceState.steady(4), now)).only();

    assertThat(decision.desiredReplicas()).isEqualTo(expected);
    if (reason == null) {
      assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.HOLD);
    } else {
      assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.PANIC);
      assertThat(decision.reason()).contains(reason);
    }
  }
}
