package dev.llmscale.core.policy;

import static dev.llmscale.core.policy.FleetStub.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import dev.llmscale.core.predict.PredictorConfig;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner scenarios against a toy fleet whose replicas arrive a lead time after being asked for and
 * whose latency breaches the SLO above a known per-replica capacity. Ticks every 15 s.
 */
class SloPlannerTest {
  private static final String S = "vllm";
  private static final SloTargets SLO = new SloTargets(0.3, 0.05, 0.99);
  private static final double PER_REPLICA = 5; // req/s one replica carries at the SLO
  private static final long TICK = 15;

  private static SloPlannerConfig aggregated(int min, int max) {
    return SloPlannerConfig.aggregated(S, min, max, SLO)
        .withLeadTimePrior(Duration.ofSeconds(180), 3);
  }

  /** What one scenario run saw, tick by tick. */
  private record Run(
      List<Long> seconds,
      List<Integer> spec,
      List<Integer> ready,
      List<Double> utilization,
      List<ScalingDecision> decisions) {

    int changes(long fromSecond) {
      int changes = 0;
      for (int i = 1; i < spec.size(); i++) {
        if (seconds.get(i) >= fromSecond && !spec.get(i).equals(spec.get(i - 1))) {
          changes++;
        }
      }
      return changes;
    }

    double maxUtilization(long fromSecond) {
      double max = 0;
      for (int i = 0; i < utilization.size(); i++) {
        if (seconds.get(i) >= fromSecond) {
          max = Math.max(max, utilization.get(i));
        }
      }
      return max;
    }

    int at(long second) {
      return spec.get(seconds.indexOf(second));
    }

    ServiceDecision decisionAt(long second) {
      return decisions.get(seconds.indexOf(second)).decision(S);
    }
  }

  private static Run run(
      SloPlanner planner,
      FleetStub fleet,
      long seconds,
      DoubleUnaryOperator load,
      LongPredicate rateOutage) {
    Run run =
        new Run(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    for (long t = 0; t <= seconds; t += TICK) {
      long now = t * SECOND;
      fleet.advance(now);
      double truth = load.applyAsDouble(t);
      FleetStub.Pool pool = fleet.pool(S);
      run.utilization().add(pool.utilization(truth));
      run.ready().add(pool.ready);
      Observation observation = fleet.observe(truth, TICK);
      if (rateOutage.test(t)) {
        observation =
            observation.with(
                PlannerSignal.REQUEST_RATE.metric(),
                MetricReading.failed("prometheus: connection refused"));
      }
      ScalingDecision decision = planner.tick(now, observation);
      fleet.apply(now, decision);
      run.seconds().add(t);
      run.spec().add(pool.spec);
      run.decisions().add(decision);
    }
    return run;
  }

  private static Run run(
      SloPlanner planner, FleetStub fleet, long seconds, DoubleUnaryOperator load) {
    return run(planner, fleet, seconds, load, t -> false);
  }

  private static FleetStub fleet(int replicas, long leadSeconds) {
    return new FleetStub(SLO, leadSeconds * SECOND).pool(S, PER_REPLICA, replicas);
  }

  // ---------------------------------------------------------------------------------------------

  /** 5 req/s for 10 min, then +1 req/s per minute to 50 req/s (45 min), then flat. */
  private static double ramp(double t) {
    return t < 600 ? 5 : Math.min(50, 5 + (t - 600) / 60);
  }

  @Test
  void onARampCapacityIsAskedForALeadTimeAheadSoTheSloNeverBreaks() {
    FleetStub fleet = fleet(3, 180);
    fleet.rateNoise = 0.03;
    SloPlanner planner = new SloPlanner(aggregated(3, 50), FixedCapacity.of(PER_REPLICA));

    Run run = run(planner, fleet, 3600, SloPlannerTest::ramp);

    assertThat(run.maxUtilization(0))
        .as("worst utilization of ready capacity")
        .isLessThanOrEqualTo(1.0);
    assertThat(run.at(3600)).isBetween(12, 15); // 50 req/s at 85 % of 5 req/s per replica = 12
    ServiceDecision rampUp = run.decisionAt(1200);
    assertThat(rampUp.reason()).contains("within the 195 s lead time").contains("-> needs");
  }

  @Test
  void theConstantBaselineOnTheSameRampBreachesBecauseItCannotLookAhead() {
    FleetStub fleet = fleet(3, 180);
    fleet.rateNoise = 0.03;
    SloPlanner planner =
        new SloPlanner(
            aggregated(3, 50).withPredictor(new PredictorConfig.Constant()),
            FixedCapacity.of(PER_REPLICA));

    Run run = run(planner, fleet, 3600, SloPlannerTest::ramp);

    assertThat(run.maxUtilization(0)).isGreaterThan(1.0);
  }

  @Test
  void aBurstThatNoForecastSawTriggersPanicAtTheNextTickWithoutCompounding() {
    FleetStub fleet = fleet(3, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    DoubleUnaryOperator burst = t -> t < 600 ? 10 : 30;

    Run run = run(planner, fleet, 1200, burst);

    assertThat(run.at(585)).isEqualTo(3);
    ServiceDecision panic = run.decisionAt(600);
    assertThat(panic.desiredReplicas()).isGreaterThanOrEqualTo(8); // 30 req/s needs ceil(30/4.25)
    assertThat(panic.reason())
        .contains("p99 TTFT")
        .contains("> 0.30 s target")
        .contains("panic: 3 -> ");
    assertThat(planner.lastPlan(S)).isNotNull();
    // while the new replicas start (180 s), the breach persists but the count does not compound
    for (long t = 615; t < 780; t += TICK) {
      assertThat(run.at(t))
          .as("replicas at %d s", t)
          .isLessThanOrEqualTo(panic.desiredReplicas() + 2);
    }
    assertThat(run.maxUtilization(800)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void aStepInTheLoadIsPlannedForAtOnceWithoutWaitingForTheFilterOrABreach() {
    FleetStub fleet = fleet(3, 180);
    SloPlanner planner = new SloPlanner(aggregated(3, 50), FixedCapacity.of(PER_REPLICA));

    // 5 req/s, then 14 req/s: 3 replicas still carry it (93 % of 15), so nothing breaches, but at
    // the planned 85 % it needs ceil(14 / 4.25) = 4. The trend filter alone would take many ticks.
    Run run = run(planner, fleet, 1200, t -> t < 600 ? 5 : 14);

    // one reading a step away may be noise; the second one confirms the step
    assertThat(run.at(600)).isEqualTo(3);
    ServiceDecision first = run.decisionAt(615);
    assertThat(first.desiredReplicas()).isEqualTo(4);
    assertThat(first.reason()).contains("forecast 14.00 req/s").doesNotContain("panic");
  }

  @Test
  void afterABurstTheForecastFollowsTheLoadDownInsteadOfExtrapolatingTheClimb() {
    FleetStub fleet = fleet(3, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));

    // 5 req/s, a 10-minute burst at 30 req/s, then 5 req/s again; three ticks after its end.
    run(planner, fleet, 1245, t -> t >= 600 && t < 1200 ? 30 : 5);

    assertThat(planner.lastPlan(S).forecastRate()).isCloseTo(5, within(1.5));
  }

  @Test
  void aNoisySteadyLoadDoesNotFlap() {
    FleetStub fleet = fleet(5, 180);
    fleet.rateNoise = 0.10;
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));

    Run run = run(planner, fleet, 7200, t -> 20);

    assertThat(run.changes(600)).as("replica changes over 110 min").isLessThanOrEqualTo(1);
    assertThat(run.maxUtilization(600)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void aMetricOutageHoldsTheLastDecisionInsteadOfCollapsingToTheMinimum() {
    FleetStub fleet = fleet(6, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    // the load falls during the outage: the planner cannot know, so it must not act on it
    DoubleUnaryOperator load = t -> t < 1200 ? 24 : 8;

    Run run = run(planner, fleet, 3000, load, t -> t >= 1200 && t < 2400);

    int before = run.at(1185);
    for (long t = 1200; t < 2400; t += TICK) {
      assertThat(run.at(t)).as("replicas at %d s", t).isEqualTo(before);
    }
    ServiceDecision held = run.decisionAt(1800);
    assertThat(held.reason())
        .contains("request rate unavailable (prometheus: connection refused)")
        .contains("holding the last decision");
    assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.HOLD);
    // back from the outage, the scale-down window starts again before anything is removed
    assertThat(run.at(2400 + 285)).isEqualTo(before);
    assertThat(run.at(3000)).isLessThan(before);
  }

  @Test
  void anObservedBreachStillScalesUpDuringAnOutage() {
    FleetStub fleet = fleet(3, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));

    Run run = run(planner, fleet, 900, t -> t < 600 ? 10 : 30, t -> t >= 600);

    ServiceDecision decision = run.decisionAt(600);
    assertThat(decision.desiredReplicas()).isEqualTo(6); // 3 ready x maxFactor 2
    assertThat(decision.reason()).contains("p99 TTFT").contains("request rate unavailable");
  }

  @Test
  void scaleDownWaitsForTheStableWindowAndKeepsSurvivorsUnderTheScaleDownUtilization() {
    FleetStub fleet = fleet(10, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    DoubleUnaryOperator load = t -> t < 900 ? 40 : 10;

    Run run = run(planner, fleet, 3600, load);

    int high = run.at(885);
    for (long t = 900; t < 900 + 300; t += TICK) {
      assertThat(run.at(t)).as("replicas at %d s", t).isEqualTo(high);
    }
    for (int i = 1; i < run.spec().size(); i++) {
      int before = run.spec().get(i - 1);
      int after = run.spec().get(i);
      if (after < before) {
        assertThat(before - after).isLessThanOrEqualTo(Math.max(1, before / 4));
        double survivors = load.applyAsDouble(run.seconds().get(i)) / (after * PER_REPLICA);
        assertThat(survivors)
            .as("survivors' utilization at %d s", run.seconds().get(i))
            .isLessThanOrEqualTo(0.7);
      }
    }
    assertThat(run.at(3600)).isEqualTo(3); // ceil(10 / (5 x 0.7))
    assertThat(run.maxUtilization(0)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void noReplicaIsRemovedWhenTheSurvivorsWouldCarryMoreThanTheScaleDownUtilization() {
    FleetStub fleet = fleet(4, 180);
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));

    // 11.5 req/s needs ceil(11.5 / 4.25) = 3 replicas, but 3 survivors would run at 77 %
    Run run = run(planner, fleet, 1800, t -> 11.5);

    assertThat(run.spec()).containsOnly(4);
    assertThat(run.decisionAt(1800).reason())
        .contains("survivors would carry the load x 4/3 = 77 % of capacity > 70 %: keeping 4");
  }

  @Test
  void theGpuBudgetCapsThePool() {
    FleetStub fleet = fleet(4, 180);
    SloPlannerConfig config =
        new SloPlannerConfig(
                List.of(new SloPlannerConfig.Pool(S, PoolRole.AGGREGATED, 1, 40, 2)),
                SLO,
                0.85,
                0.7,
                Duration.ofSeconds(15),
                PredictorConfig.Holt.DEFAULTS,
                Duration.ofSeconds(180),
                3,
                Duration.ofSeconds(300),
                0.25,
                SloPlannerConfig.Panic.DEFAULTS,
                0,
                new LoadShape(1000, 200),
                SloPlannerConfig.DEFAULT_SIGNAL_WINDOW,
                SloPlannerConfig.ErrorBudget.OFF)
            .withGpuBudget(16);
    SloPlanner planner = new SloPlanner(config, FixedCapacity.of(PER_REPLICA));

    Run run = run(planner, fleet, 600, t -> 50);

    assertThat(run.spec()).allMatch(replicas -> replicas <= 8);
    assertThat(run.at(600)).isEqualTo(8);
    assertThat(run.decisionAt(600).reason()).contains("GPU budget 16 caps vllm at 8 (wanted 40)");
    assertThat(planner.lastPlan(S).budgetCapped()).isTrue();
  }

  @Test
  void theLeadTimeIsLearnedFromHowLongAskedForReplicasTakeToBecomeReady() {
    FleetStub fleet = fleet(2, 120);
    SloPlanner planner =
        new SloPlanner(
            aggregated(1, 50).withLeadTimePrior(Duration.ofSeconds(300), 3),
            FixedCapacity.of(PER_REPLICA));
    assertThat(planner.leadTimeNanos(S)).isEqualTo(300 * SECOND);

    run(planner, fleet, 2400, SloPlannerTest::ramp);

    assertThat(planner.leadTimeNanos(S) / SECOND).isBetween(120L, 180L);
  }

  // ---------------------------------------------------------------------------------------------
  // Panic signals, one at a time: 4 ready replicas carrying 10 req/s, which needs only 3

  static Stream<Arguments> panicSignals() {
    return Stream.of(
        arguments("no breach: nothing to do", 0.2, 0.03, 0.0, 0.0, 1.0, 4, null),
        arguments(
            "p99 TTFT 0.62 s against 0.30 s with no backlog: the model is off, one more -> 5",
            0.62,
            0.03,
            0.0,
            0.0,
            1.0,
            5,
            "p99 TTFT 0.62 s > 0.30 s target with 4 ready: wants 5"),
        arguments(
            "p99 ITL 60 ms against 50 ms: x 1.2 -> 5",
            0.2,
            0.06,
            0.0,
            0.0,
            1.0,
            5,
            "p99 ITL 0.060 s > 0.050 s target"),
        arguments(
            "a queue of 40 (> 4 per ready replica) that grew from 10 while 4 replicas carry"
                + " 20 req/s: the model is off, one more -> 5",
            0.2,
            0.03,
            10.0,
            40.0,
            1.0,
            5,
            "queue 40 > 4 per ready replica and growing"),
        arguments(
            "the same queue that is not growing is left to drain",
            0.2,
            0.03,
            40.0,
            40.0,
            1.0,
            4,
            null),
        arguments(
            "goodput 0.97 below the p99 objective with no backlog: one more -> 5",
            0.2,
            0.03,
            0.0,
            0.0,
            0.97,
            5,
            "goodput 0.970 < 0.990"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("panicSignals")
  void anObservedBreachPanicsAtOnceFromTheReadyReplicas(
      String name,
      double ttft,
      double itl,
      double queueBefore,
      double queueNow,
      double goodput,
      int expected,
      String reason) {
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    Map<String, MetricReading> before = new HashMap<>(SloPlanner.signals(10, 1000, 200));
    before.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(queueBefore));
    planner.tick(0, new Observation(Map.of(S, ServiceState.steady(4)), before));
    Map<String, MetricReading> now = new HashMap<>(SloPlanner.signals(10, 1000, 200));
    now.put(PlannerSignal.TTFT_TAIL.metric(), MetricReading.of(ttft));
    now.put(PlannerSignal.ITL_TAIL.metric(), MetricReading.of(itl));
    now.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(queueNow));
    now.put(PlannerSignal.GOODPUT.metric(), MetricReading.of(goodput));

    ServiceDecision decision =
        planner.tick(15 * SECOND, new Observation(Map.of(S, ServiceState.steady(4)), now)).only();

    assertThat(decision.desiredReplicas()).isEqualTo(expected);
    if (reason != null) {
      assertThat(decision.reason()).contains(reason).contains("panic: 4 -> " + expected);
      assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.PANIC);
    } else {
      assertThat(planner.lastPlan(S).action()).isEqualTo(SloPlanner.Action.HOLD);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Breaches sized from the backlog, driven tick by tick: 5 req/s per replica, ticks every 15 s

  /** The readings of one tick; a null queue or TTFT is a failed poll. */
  private static Map<String, MetricReading> readings(double rate, Double queue, Double ttft) {
    Map<String, MetricReading> readings = new HashMap<>(SloPlanner.signals(rate, 1000, 200));
    if (queue != null) {
      readings.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(queue));
    }
    if (ttft != null) {
      readings.put(PlannerSignal.TTFT_TAIL.metric(), MetricReading.of(ttft));
    }
    return readings;
  }

  /** Ticks at {@code second} and returns the plan for the pool. */
  private static SloPlanner.Plan tick(
      SloPlanner planner, long second, ServiceState state, Map<String, MetricReading> readings) {
    planner.tick(second * SECOND, Observation.of(S, state, readings));
    return planner.lastPlan(S);
  }

  private static SloPlannerConfig withPanicWindow(SloPlannerConfig config, long seconds) {
    return config.withPanic(
        new SloPlannerConfig.Panic(1.0, 4, 2.0, Duration.ofSeconds(seconds))); // as DEFAULTS
  }

  static Stream<Arguments> drainSizing() {
    return Stream.of(
        arguments(
            "4 ready at 5 req/s, 30 req/s arriving, queue 300 growing, lead 180 s, panic window"
                + " 60 s: backlog 300 + (30 - 20) x 180 = 2100 drained in 60 s ->"
                + " ceil((30 + 35) / 5) = 13",
            4,
            30.0,
            300.0,
            null,
            180,
            60,
            13,
            13),
        arguments(
            "the same with a lead time of 60 s: backlog 300 + 10 x 60 = 900 ->"
                + " ceil((30 + 15) / 5) = 9",
            4,
            30.0,
            300.0,
            null,
            60,
            60,
            9,
            9),
        arguments(
            "the same drained within a panic window of 30 s: ceil((30 + 2100 / 30) / 5) = 20",
            4,
            30.0,
            300.0,
            null,
            180,
            30,
            20,
            20),
        arguments(
            "a queue of 20 growing, 30 req/s arriving, lead 1 s: carrying 30 req/s at 85 % needs"
                + " ceil(30 / 4.25) = 8, more than draining ceil((30 + 30 / 60) / 5) = 7",
            4, 30.0, 20.0, null, 1, 60, 8, 8),
        arguments(
            "a queue of 40 growing while 4 replicas carry 10 req/s: draining it needs 3, but a"
                + " queue that grows while the model says the ready replicas suffice means the"
                + " model is off: ready + 1 = 5",
            4,
            10.0,
            40.0,
            null,
            180,
            60,
            5,
            5),
        arguments(
            "TTFT 0.62 s with a queue of 16, at most 4 per ready replica: no backlog to size from,"
                + " the model is off: ready + 1 = 5",
            4,
            10.0,
            16.0,
            0.62,
            180,
            60,
            5,
            5),
        arguments(
            "8 ready, 50 req/s arriving, queue 200 growing, lead 120 s: backlog 200 + 10 x 120 ="
                + " 1400 -> ceil((50 + 1400 / 60) / 5) = 15",
            8,
            50.0,
            200.0,
            0.9,
            120,
            60,
            15,
            15));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drainSizing")
  void aBreachWithAReadableQueueIsSizedToCarryTheArrivalsAndDrainTheBacklogWithinThePanicWindow(
      String name,
      int ready,
      double rate,
      double queue,
      Double ttft,
      long leadSeconds,
      long panicWindowSeconds,
      int panicTarget,
      int desired) {
    SloPlanner planner =
        new SloPlanner(
            withPanicWindow(
                aggregated(1, 50).withLeadTimePrior(Duration.ofSeconds(leadSeconds), 3),
                panicWindowSeconds),
            FixedCapacity.of(PER_REPLICA));
    tick(planner, 0, ServiceState.steady(ready), readings(rate, 0.0, null));

    SloPlanner.Plan plan =
        tick(planner, 15, ServiceState.steady(ready), readings(rate, queue, ttft));

    assertThat(plan.panicTarget()).as("panic target").isEqualTo(panicTarget);
    assertThat(plan.desiredReplicas()).isEqualTo(desired);
    assertThat(plan.action()).isEqualTo(SloPlanner.Action.PANIC);
    assertThat(plan.reason()).contains("with " + ready + " ready: wants " + panicTarget);
  }

  @Test
  void aBreachWithALargeQueueThatIsNotGrowingAndThatTheReadyReplicasDrainAddsNoReplica() {
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    tick(planner, 0, ServiceState.steady(4), readings(10, 0.0, null));
    // a batch of 300 arrives: the queue grows, one replica more (ready + 1)
    assertThat(
            tick(planner, 15, ServiceState.steady(4), readings(10, 300.0, null)).desiredReplicas())
        .isEqualTo(5);

    // 5 ready carry 10 req/s with 15 req/s to spare: the queue shrinks; its TTFT is still high
    SloPlanner.Plan plan = tick(planner, 30, ServiceState.steady(5), readings(10, 150.0, 0.62));

    assertThat(plan.reason()).contains("TTFT 0.62 s > 0.30 s target with 5 ready: wants 3");
    assertThat(plan.panicTarget()).isEqualTo(3); // ceil((10 + 150 / 60) / 5)
    assertThat(plan.desiredReplicas()).isEqualTo(5);
    assertThat(plan.action()).isEqualTo(SloPlanner.Action.HOLD);
  }

  @Test
  void whileAskedForReplicasStartABreachWhoseQueueGrowsAsPredictedDoesNotRaiseTheCountAgain() {
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    tick(planner, 0, ServiceState.steady(4), readings(30, 0.0, null));
    // backlog 300 + (30 - 20) x 180 = 2100 when new replicas would be ready: 13
    assertThat(
            tick(planner, 15, ServiceState.steady(4), readings(30, 300.0, 2.0)).desiredReplicas())
        .isEqualTo(13);

    // the 9 asked for start for 180 s; meanwhile the queue grows by 10 req/s as foreseen, and
    // the backlog they will find, queue + 10 x (the time they still need), stays 2100
    double queue = 300;
    for (long t = 30; t < 195; t += TICK) {
      queue += (30 - 4 * PER_REPLICA) * TICK;
      SloPlanner.Plan plan =
          tick(planner, t, new ServiceState(13, 13, 4), readings(30, queue, 2.0 + t / 60.0));
      assertThat(plan.panicTarget()).as("panic target at %d s, queue %.0f", t, queue).isEqualTo(13);
      assertThat(plan.desiredReplicas()).as("replicas at %d s", t).isEqualTo(13);
    }
  }

  static Stream<Arguments> ttftEchoes() {
    return Stream.of(
        arguments(
            "the queue was long 60 s ago and is short now: a TTFT of 0.62 s read over 60 s is its"
                + " echo (60 <= 60 + 0.62), no breach",
            100.0,
            60,
            0.0,
            0.62,
            SloPlanner.Action.SCALE_DOWN,
            6,
            0),
        arguments(
            "the queue was long 75 s ago: a TTFT of 20 s describes requests that arrived within"
                + " 60 + 20 s, so it is still the echo",
            100.0,
            75,
            0.0,
            20.0,
            SloPlanner.Action.SCALE_DOWN,
            6,
            0),
        arguments(
            "the queue was long 75 s ago: a TTFT of 0.62 s describes requests that arrived"
                + " after it: a breach, one more than ready",
            100.0,
            75,
            0.0,
            0.62,
            SloPlanner.Action.PANIC,
            8,
            9),
        arguments(
            "no backlog at all: a TTFT of 0.62 s is a breach, one more than ready",
            0.0,
            60,
            0.0,
            0.62,
            SloPlanner.Action.PANIC,
            8,
            9),
        arguments(
            "the queue is still long (not growing): a TTFT of 0.62 s is no echo but a breach,"
                + " sized from the backlog (ceil((10 + 100 / 60) / 5) = 3), which holds panic mode",
            100.0,
            60,
            100.0,
            0.62,
            SloPlanner.Action.HOLD,
            8,
            3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ttftEchoes")
  void aTailTtftAfterTheQueueDrainedIsTheBacklogsEchoNotABreach(
      String name,
      double queueThen,
      long secondsLater,
      double queueNow,
      double ttft,
      SloPlanner.Action action,
      int desired,
      int panicTarget) {
    // a pool at its maximum of 8 carrying 10 req/s (3 would do); nothing waits a scale-down window
    SloPlanner planner =
        new SloPlanner(
            aggregated(1, 8).withScaleDown(Duration.ZERO, 0.25), FixedCapacity.of(PER_REPLICA));
    tick(planner, 0, ServiceState.steady(8), readings(10, queueThen, 0.2));

    SloPlanner.Plan plan =
        tick(planner, secondsLater, ServiceState.steady(8), readings(10, queueNow, ttft));

    assertThat(plan.action()).isEqualTo(action);
    assertThat(plan.desiredReplicas()).isEqualTo(desired);
    assertThat(plan.panicTarget()).isEqualTo(panicTarget);
    if (panicTarget == 0) {
      // neither a breach nor panic mode: scale-down toward 3, a quarter of the pool per tick
      assertThat(plan.reason()).doesNotContain("> 0.30 s target").doesNotContain("panic");
    } else {
      assertThat(plan.reason()).contains("p99 TTFT 0.62 s > 0.30 s target");
    }
  }

  static Stream<Arguments> panicAftermaths() {
    return Stream.of(
        arguments(
            "a queue of 3000 that grew: 12 drain it within the panic window, that part leaves"
                + " with panic mode; the ready + 1 floor stays for the scale-down window",
            3000.0,
            2.0,
            12,
            5),
        arguments(
            "TTFT 0.62 s without a backlog: the model is off, the ready + 1 it asked for stays"
                + " for the scale-down window",
            0.0,
            0.62,
            5,
            5),
        arguments(
            "TTFT 0.62 s with the queue unreadable: the factor rule's 4 x min(2, 2.07) = 8 stays"
                + " for the scale-down window",
            null,
            0.62,
            8,
            8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("panicAftermaths")
  void theDrainPartOfAPanicLeavesWithPanicModeWhileItsFloorStaysInTheScaleDownWindow(
      String name, Double queue, double ttft, int panic, int afterPanicWindow) {
    // 10 req/s need 3; the scale-down window is 300 s and the whole surplus may go in one tick
    SloPlanner planner =
        new SloPlanner(
            aggregated(1, 50).withScaleDown(Duration.ofSeconds(300), 1.0),
            FixedCapacity.of(PER_REPLICA));
    Map<Long, SloPlanner.Plan> plans = new HashMap<>();
    int replicas = 4;
    for (long t = 0; t <= 330; t += TICK) {
      // asked-for replicas are ready at the next tick; the backlog comes at 15 s and is drained
      Double queueNow = queue == null ? null : t == 15 ? queue : 0.0;
      SloPlanner.Plan plan =
          tick(
              planner,
              t,
              ServiceState.steady(replicas),
              readings(10, queueNow, t == 15 ? ttft : 0.2));
      plans.put(t, plan);
      replicas = plan.desiredReplicas();
    }

    assertThat(plans.get(15L).action()).isEqualTo(SloPlanner.Action.PANIC);
    assertThat(plans.get(15L).desiredReplicas()).isEqualTo(panic);
    assertThat(plans.get(60L).desiredReplicas()).isEqualTo(panic);
    assertThat(plans.get(60L).reason()).contains("panic mode for another 15 s: no scale-down");
    // panic.window (60 s) after the breach
    assertThat(plans.get(75L).desiredReplicas()).isEqualTo(afterPanicWindow);
    // the scale-down window (300 s) after the breach
    assertThat(plans.get(315L).desiredReplicas()).isEqualTo(afterPanicWindow);
    assertThat(plans.get(330L).desiredReplicas()).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Steps in the load: confirmed by a second reading, then followed for one signal window

  static Stream<Arguments> stepReadings() {
    return Stream.of(
        arguments(
            "one reading 1.5 x the level may be noise: the filter smooths it",
            List.of(15.0),
            false),
        arguments("a second reading 1.5 x the level confirms a step up", List.of(15.0, 15.0), true),
        arguments(
            "a reading above, then one below the level: noise both", List.of(15.0, 7.0), false),
        arguments(
            "14, then 13: the second is compared with the level before the first (13 > 10 x"
                + " 1.25), not with the forecast the first pulled up",
            List.of(14.0, 13.0),
            true),
        arguments("two readings 0.7 x the level confirm a step down", List.of(7.0, 7.0), true),
        arguments("two readings 1.2 x the level are within the noise", List.of(12.0, 12.0), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stepReadings")
  void aStepIsTwoReadingsInARowMoreThanTheStepRatioAwayFromTheLevelBeforeThem(
      String name, List<Double> after, boolean step) {
    // at least 8 replicas, above what any of these loads needs, so every tick weighs a scale-down
    SloPlanner planner =
        new SloPlanner(
            aggregated(8, 50).withSignalWindow(Duration.ofSeconds(60)),
            FixedCapacity.of(PER_REPLICA));
    long t = 0;
    for (; t < 600; t += TICK) {
      tick(planner, t, ServiceState.steady(8), readings(10, null, null));
    }
    SloPlanner.Plan plan = null;
    for (double reading : after) {
      plan = tick(planner, t, ServiceState.steady(8), readings(reading, null, null));
      t += TICK;
    }

    double last = after.get(after.size() - 1);
    if (step) {
      // the filter restarted on the reading: the forecast is the reading
      assertThat(plan.forecastRate()).isEqualTo(last);
      assertThat(plan.reason()).contains("the load stepped: no scale-down for another 60 s");
    } else {
      assertThat(plan.forecastRate()).isNotCloseTo(last, within(0.5));
      assertThat(plan.reason()).doesNotContain("stepped");
    }
  }

  @Test
  void aConfirmedStepIsFollowedReadingByReadingForOneSignalWindowWithoutScaleDown() {
    // 30 req/s on 8 replicas, then 10 req/s: nothing waits a scale-down window
    SloPlanner planner =
        new SloPlanner(
            aggregated(1, 50)
                .withSignalWindow(Duration.ofSeconds(60))
                .withScaleDown(Duration.ZERO, 0.25),
            FixedCapacity.of(PER_REPLICA));
    int replicas = 8;
    for (long t = 0; t < 600; t += TICK) {
      replicas =
          tick(planner, t, ServiceState.steady(replicas), readings(30, null, null))
              .desiredReplicas();
    }
    assertThat(replicas).isEqualTo(8);
    replicas =
        tick(planner, 600, ServiceState.steady(replicas), readings(10, null, null))
            .desiredReplicas();

    // the reading at 615 s confirms the step: until 675 s the forecast is each reading, no
    // trend is learned from them, and nothing is removed
    double[] settling = {10.5, 9.5, 11, 10};
    for (int i = 0; i < settling.length; i++) {
      long t = 615 + i * TICK;
      SloPlanner.Plan plan =
          tick(planner, t, ServiceState.steady(replicas), readings(settling[i], null, null));
      assertThat(plan.forecastRate()).as("forecast at %d s", t).isEqualTo(settling[i]);
      assertThat(plan.desiredReplicas()).as("replicas at %d s", t).isEqualTo(replicas);
      assertThat(plan.reason())
          .contains("the load stepped: no scale-down for another " + (675 - t) + " s");
    }

    SloPlanner.Plan settled =
        tick(planner, 675, ServiceState.steady(replicas), readings(10, null, null));
    assertThat(settled.action()).isEqualTo(SloPlanner.Action.SCALE_DOWN);
    assertThat(settled.desiredReplicas()).isLessThan(replicas);
    assertThat(settled.reason()).doesNotContain("stepped");
  }

  @Test
  void aStepReadThroughTheSignalWindowsMovingAverageIsNotExtrapolatedAsATrend() {
    // 5 req/s, then 30 req/s from 600 s; rate(…[60s]) ramps from 5 to 30 over 60 s
    SloPlanner planner =
        new SloPlanner(
            aggregated(1, 50).withSignalWindow(Duration.ofSeconds(60)),
            FixedCapacity.of(PER_REPLICA));
    DoubleUnaryOperator reading = t -> 5 + 25 * Math.min(1, Math.max(0, (t - 600) / 60.0));
    for (long t = 0; t <= 1800; t += TICK) {
      SloPlanner.Plan plan =
          tick(planner, t, ServiceState.steady(8), readings(reading.applyAsDouble(t), null, null));
      if (t >= 660) {
        // the larger of the forecast now and the look-ahead by the lead time
        assertThat(plan.forecastRate()).as("forecast at %d s", t).isCloseTo(30, within(3.0));
        assertThat(plan.needed()).as("needed at %d s", t).isEqualTo(8); // ceil(30 / 4.25)
      }
    }
  }

  @ParameterizedTest(name = "rate reading {0} req/s -> {1}")
  @CsvSource({
    // a step in the rate reading (10 -> 14, the window still averaging the old level): what
    // arrives is at least what 4 ready replicas carry plus the queue's growth over the window,
    // 20 + 150 / 60 = 22.5 req/s; backlog 150 + 2.5 x 180 = 600, drained in 60 s:
    // ceil((22.5 + 10) / 5) = 7
    "14, 7",
    // no step: the reading is trusted; 150 + 0 drained in 60 s: ceil((10 + 2.5) / 5) = 3, and a
    // queue growing while the model says 4 replicas suffice: ready + 1 = 5
    "10, 5"
  })
  void whileTheLoadStepsTheQueuesGrowthTellsWhatArrives(double rate, int panicTarget) {
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(PER_REPLICA));
    for (long t = 0; t <= 45; t += TICK) {
      tick(planner, t, ServiceState.steady(4), readings(10, 0.0, null));
    }

    SloPlanner.Plan plan = tick(planner, 60, ServiceState.steady(4), readings(rate, 150.0, 2.0));

    assertThat(plan.panicTarget()).isEqualTo(panicTarget);
  }

  @Test
  void aQueueAReplicaDrainsWithinTheTtftTargetIsNoBreach() {
    // 40 req/s per replica at a 0.3 s TTFT target hold 12 requests each in steady state (Little's
    // law), more than panic.queuePerReplica (4): a queue of 40 on 4 replicas is ordinary
    SloPlanner planner = new SloPlanner(aggregated(1, 50), FixedCapacity.of(40));
    Map<String, MetricReading> before = new HashMap<>(SloPlanner.signals(100, 1000, 200));
    before.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(10));
    planner.tick(0, new Observation(Map.of(S, ServiceState.steady(4)), before));
    Map<String, MetricReading> now = new HashMap<>(SloPlanner.signals(100, 1000, 200));
    now.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(40));
    planner.tick(15 * SECOND, new Observation(Map.of(S, ServiceState.steady(4)), now));
    assertThat(planner.lastPlan(S).panicTarget()).isZero();

    // beyond 12 per replica and growing, it is
    now.put(PlannerSignal.QUEUE_DEPTH.metric(), MetricReading.of(60));
    ServiceDecision decision =
        planner.tick(30 * SECOND, new Observation(Map.of(S, ServiceState.steady(4)), now)).only();
    assertThat(decision.reason()).contains("queue 60 > 12 per ready replica and growing");
  }

  // ---------------------------------------------------------------------------------------------
  // Disaggregated pools

  private static final SloPlannerConfig.Pool PREFILL =
      SloPlannerConfig.Pool.of("prefill", PoolRole.PREFILL, 1, 40);
  private static final SloPlannerConfig.Pool DECODE =
      SloPlannerConfig.Pool.of("decode", PoolRole.DECODE, 1, 40);

  private static ScalingDecision tickDisaggregated(
      SloPlanner planner,
      long second,
      int prefill,
      int decode,
      double rate,
      double in,
      double out) {
    return planner.tick(
        second * SECOND,
        new Observation(
            Map.of(
                "prefill", ServiceState.steady(prefill),
                "decode", ServiceState.steady(decode)),
            SloPlanner.signals(rate, in, out)));
  }

  @Test
  void prefillAndDecodePoolsAreSizedEachFromItsOwnCapacity() {
    Map<PoolRole, Double> rates = new EnumMap<>(PoolRole.class);
    rates.put(PoolRole.PREFILL, 20.0);
    rates.put(PoolRole.DECODE, 5.0);
    SloPlanner planner =
        new SloPlanner(
            SloPlannerConfig.disaggregated(PREFILL, DECODE, SLO), new FixedCapacity(rates));

    ScalingDecision decision = tickDisaggregated(planner, 0, 1, 1, 30, 1000, 200);

    assertThat(decision.desired("prefill")).isEqualTo(2); // ceil(30 / (20 x 0.85))
    assertThat(decision.desired("decode")).isEqualTo(8); // ceil(30 / (5 x 0.85))
  }

  @Test
  void aMixShiftMovesReplicasBetweenPrefillAndDecodeThroughThePerformanceModel() {
    Catalog catalog = Catalog.builtIn();
    ModelSpec model = catalog.model("llama-3.1-8b");
    GpuSpec gpu = catalog.gpu("h100-80gb");
    int blocks = KvCapacity.blocks(model, gpu, 1, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES);
    SloTargets slo = new SloTargets(1.0, 0.05, 0.95);
    CapacityModel capacity =
        new SteadyStateCapacity(
            new RooflinePerformanceModel(model, gpu), EngineConfig.defaults(8192, blocks), slo);
    SloPlannerConfig config =
        SloPlannerConfig.disaggregated(PREFILL, DECODE, slo)
            .withPredictor(new PredictorConfig.Constant());

    ScalingDecision longPrompts =
        tickDisaggregated(new SloPlanner(config, capacity), 0, 1, 1, 20, 4000, 50);
    ScalingDecision longOutputs =
        tickDisaggregated(new SloPlanner(config, capacity), 0, 1, 1, 20, 200, 1000);

    assertThat(longPrompts.desired("prefill")).isGreaterThan(longOutputs.desired("prefill"));
    assertThat(longPrompts.desired("decode")).isLessThan(longOutputs.desired("decode"));
  }

  @Test
  void theGpuBudgetIsSharedSoNeitherPoolIsStarved() {
    Map<PoolRole, Double> rates = new EnumMap<>(PoolRole.class);
    rates.put(PoolRole.PREFILL, 20.0);
    rates.put(PoolRole.DECODE, 5.0);
    SloPlanner planner =
        new SloPlanner(
            SloPlannerConfig.disaggregated(PREFILL, DECODE, SLO).withGpuBudget(12),
            new FixedCapacity(rates));

    // wants 4 prefill (60 / 17) and 15 decode (60 / 4.25): 19 GPUs for a budget of 12
    ScalingDecision decision = tickDisaggregated(planner, 0, 1, 1, 60, 1000, 200);

    int prefill = decision.desired("prefill");
    int decode = decision.desired("decode");
    assertThat(prefill + decode).isEqualTo(12);
    assertThat(prefill).isBetween(2, 3);
    assertThat(decode).isBetween(9, 10);
    assertThat(decision.decision("decode").reason()).contains("GPU budget 12 caps decode at");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void asksToRunAgainOneTickIntervalLater() {
    SloPlanner planner = new SloPlanner(aggregated(1, 10), FixedCapacity.of(PER_REPLICA));

    ScalingDecision decision =
        planner.tick(
            7 * SECOND,
            Observation.of(S, ServiceState.steady(2), SloPlanner.signals(5, 1000, 200)));

    assertThat(decision.nextTickNanos()).isEqualTo(22 * SECOND);
  }

  static Stream<Arguments> invalidConfigs() {
    SloPlannerConfig base = aggregated(1, 10);
    return Stream.of(
        arguments(
            "no pool",
            (Supplier<Object>)
                () ->
                    new SloPlannerConfig(
                        List.of(),
                        SLO,
                        0.85,
                        0.7,
                        Duration.ofSeconds(15),
                        PredictorConfig.Holt.DEFAULTS,
                        Duration.ofSeconds(300),
                        3,
                        Duration.ofSeconds(300),
                        0.25,
                        SloPlannerConfig.Panic.DEFAULTS,
                        0,
                        new LoadShape(1000, 200),
                        SloPlannerConfig.DEFAULT_SIGNAL_WINDOW,
                        SloPlannerConfig.ErrorBudget.OFF),
            "pools: at least one pool is required"),
        arguments(
            "two decode pools",
            (Supplier<Object>)
                () ->
                    SloPlannerConfig.disaggregated(
                        DECODE, SloPlannerConfig.Pool.of("d2", PoolRole.DECODE, 1, 4), SLO),
            "pools: need one aggregated pool, or one prefill and one decode pool"),
        arguments(
            "maxReplicas below minReplicas",
            (Supplier<Object>) () -> SloPlannerConfig.Pool.of("x", PoolRole.AGGREGATED, 5, 3),
            "pool 'x': maxReplicas (3) must be >= max(1, minReplicas (5))"),
        arguments(
            "scale-down utilization above the target",
            (Supplier<Object>) () -> base.withUtilization(0.8, 0.9),
            "scaleDownUtilization must be in (0, targetUtilization = 0.8]"),
        arguments(
            "tick interval 0",
            (Supplier<Object>) () -> base.withTickInterval(Duration.ZERO),
            "tickInterval must be > 0"),
        arguments(
            "panic factor 1",
            (Supplier<Object>)
                () -> new SloPlannerConfig.Panic(1.0, 4, 1.0, Duration.ofSeconds(60)),
            "panic.maxFactor must be > 1"),
        arguments(
            "budget below the minimums",
            (Supplier<Object>) () -> aggregated(4, 10).withGpuBudget(2),
            "gpuBudget (2) is below the 4 GPUs the pools' minReplicas hold"),
        arguments(
            "p100",
            (Supplier<Object>) () -> new SloTargets(0.3, 0.05, 1.0),
            "slo.quantile must be in [0.5, 1)"),
        arguments(
            "negative TTFT target",
            (Supplier<Object>) () -> new SloTargets(-1, 0.05, 0.99),
            "slo.ttftSeconds must be > 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidConfigsFailAtConstructionNamingTheField(
      String name, Supplier<Object> build, String message) {
    assertThatThrownBy(build::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theSignalWindowMustBePositive() {
    SloPlannerConfig base = aggregated(1, 10);
    assertThatThrownBy(() -> base.withSignalWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signalWindow must be > 0");
    assertThatThrownBy(() -> base.withSignalWindow(Duration.ofSeconds(-60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signalWindow must be > 0");
    assertThatThrownBy(() -> base.withSignalWindow(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signalWindow must be > 0");
    assertThat(base.signalWindow()).isEqualTo(SloPlannerConfig.DEFAULT_SIGNAL_WINDOW);
  }

  /** A configuration whose every field differs from the defaults and from the values set below. */
  private static final SloPlannerConfig NON_DEFAULT =
      new SloPlannerConfig(
          List.of(new SloPlannerConfig.Pool(S, PoolRole.AGGREGATED, 2, 20, 2)),
          SLO,
          0.9,
          0.6,
          Duration.ofSeconds(20),
          new PredictorConfig.Holt(0.5, 0.2),
          Duration.ofSeconds(240),
          4,
          Duration.ofSeconds(600),
          0.5,
          new SloPlannerConfig.Panic(1.2, 6, 3, Duration.ofSeconds(90)),
          40,
          new LoadShape(1500, 300),
          Duration.ofSeconds(45),
          new SloPlannerConfig.ErrorBudget(Duration.ofHours(2)));

  static Stream<Arguments> withMethods() {
    return Stream.of(
        arguments(
            "withUtilization",
            (UnaryOperator<SloPlannerConfig>) c -> c.withUtilization(0.8, 0.5),
            Map.of("targetUtilization", 0.8, "scaleDownUtilization", 0.5)),
        arguments(
            "withTickInterval",
            (UnaryOperator<SloPlannerConfig>) c -> c.withTickInterval(Duration.ofSeconds(10)),
            Map.of("tickInterval", Duration.ofSeconds(10))),
        arguments(
            "withPredictor",
            (UnaryOperator<SloPlannerConfig>)
                c -> c.withPredictor(PredictorConfig.KalmanTrend.DEFAULTS),
            Map.of("predictor", PredictorConfig.KalmanTrend.DEFAULTS)),
        arguments(
            "withLeadTimePrior",
            (UnaryOperator<SloPlannerConfig>) c -> c.withLeadTimePrior(Duration.ofSeconds(120), 2),
            Map.of("leadTimePrior", Duration.ofSeconds(120), "leadTimePriorWeight", 2.0)),
        arguments(
            "withScaleDown",
            (UnaryOperator<SloPlannerConfig>) c -> c.withScaleDown(Duration.ofSeconds(180), 0.3),
            Map.of("scaleDownWindow", Duration.ofSeconds(180), "scaleDownMaxFraction", 0.3)),
        arguments(
            "withPanic",
            (UnaryOperator<SloPlannerConfig>) c -> c.withPanic(SloPlannerConfig.Panic.DEFAULTS),
            Map.of("panic", SloPlannerConfig.Panic.DEFAULTS)),
        arguments(
            "withGpuBudget",
            (UnaryOperator<SloPlannerConfig>) c -> c.withGpuBudget(16),
            Map.of("gpuBudget", 16)),
        arguments(
            "withAssumedShape",
            (UnaryOperator<SloPlannerConfig>) c -> c.withAssumedShape(new LoadShape(800, 100)),
            Map.of("assumedShape", new LoadShape(800, 100))),
        arguments(
            "withSignalWindow",
            (UnaryOperator<SloPlannerConfig>) c -> c.withSignalWindow(Duration.ofSeconds(30)),
            Map.of("signalWindow", Duration.ofSeconds(30))),
        arguments(
            "withErrorBudget",
            (UnaryOperator<SloPlannerConfig>)
                c -> c.withErrorBudget(new SloPlannerConfig.ErrorBudget(Duration.ofHours(1))),
            Map.of("errorBudget", new SloPlannerConfig.ErrorBudget(Duration.ofHours(1)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withMethods")
  void eachWithMethodChangesItsOwnFieldsAndKeepsEveryOther(
      String name, UnaryOperator<SloPlannerConfig> with, Map<String, Object> changed)
      throws ReflectiveOperationException {
    SloPlannerConfig after = with.apply(NON_DEFAULT);

    for (RecordComponent field : SloPlannerConfig.class.getRecordComponents()) {
      Object was = field.getAccessor().invoke(NON_DEFAULT);
      Object is = field.getAccessor().invoke(after);
      if (changed.containsKey(field.getName())) {
        assertThat(is)
            .as(field.getName())
            .isEqualTo(changed.get(field.getName()))
            .isNotEqualTo(was);
      } else {
        assertThat(is).as(field.getName()).isEqualTo(was);
      }
    }
    assertThat(
            Stream.of(SloPlannerConfig.class.getRecordComponents()).map(RecordComponent::getName))
        .containsAll(changed.keySet());
  }
}
