package dev.llmscale.core.policy;

import static dev.llmscale.core.policy.ScaleTargetStub.SECOND;
import static dev.llmscale.core.policy.ScaleTargetStub.readings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.core.policy.HpaScalingRules.SelectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KEDA ScaledObject + HPA rules, one table per concern, in KEDA's table-driven style. Every case
 * drives the policy against a stub scale target in virtual time and checks the replica counts a
 * user would see after each tick.
 */
class ThresholdPolicyTest {
  private static final String S = "vllm";

  /** Default behavior but no scale-down window, to read the arithmetic of one sync directly. */
  private static final HpaBehavior NO_DOWN_WINDOW =
      HpaBehavior.defaults()
          .withScaleDown(HpaScalingRules.scaleDownDefaults().withStabilizationWindowSeconds(0));

  private static ThresholdConfig averageValue(double threshold) {
    return ThresholdConfig.of(S, Trigger.averageValue("m", threshold)).withReplicaCounts(1, 100);
  }

  private static ThresholdConfig value(double threshold) {
    return ThresholdConfig.of(S, Trigger.value("m", threshold)).withReplicaCounts(1, 100);
  }

  // ---------------------------------------------------------------------------------------------
  // HPA arithmetic of one sync (replica_calculator.go), no stabilization

  static Stream<Arguments> hpaArithmetic() {
    return Stream.of(
        arguments(
            "AverageValue: TTFT p99 0.6 s, threshold 0.3, 4 replicas -> 2 (scales DOWN in breach)",
            averageValue(0.3),
            new ServiceState(4, 4, 4),
            0.6,
            2),
        arguments(
            "AverageValue: queue total 30, 5 per replica, 2 replicas -> 6",
            averageValue(5),
            new ServiceState(2, 2, 2),
            30.0,
            6),
        arguments(
            "AverageValue: ratio 1.08 is inside the 10 % tolerance -> unchanged",
            averageValue(5), new ServiceState(10, 10, 10), 54.0, 10),
        arguments(
            "AverageValue: ratio exactly 1.10 is still inside the tolerance",
            averageValue(1),
            new ServiceState(10, 10, 10),
            11.0,
            10),
        arguments(
            "AverageValue: ratio 1.12 leaves the band -> ceil(56 / 5) = 12",
            averageValue(5),
            new ServiceState(10, 10, 10),
            56.0,
            12),
        arguments(
            "AverageValue: ratio 0.95 is inside the tolerance -> unchanged",
            averageValue(1),
            new ServiceState(10, 10, 10),
            9.5,
            10),
        arguments(
            "AverageValue: the ratio divides by existing pods (status 4), not spec 6 -> 7",
            averageValue(1),
            new ServiceState(6, 4, 4),
            6.2,
            7),
        arguments(
            "AverageValue: metric 0 asks for 0, raised to the HPA's minimum of 1",
            averageValue(1),
            new ServiceState(3, 3, 3),
            0.0,
            1),
        arguments(
            "AverageValue: values keep three decimals, 0.0004 reads as 0",
            averageValue(0.001),
            new ServiceState(3, 3, 3),
            0.0004,
            1),
        arguments(
            "Value: TTFT p99 0.6 s, threshold 0.3, 4 replicas -> 8",
            value(0.3),
            new ServiceState(4, 4, 4),
            0.6,
            8),
        arguments(
            "Value: 5 against 10 with 4 replicas -> 2",
            value(10),
            new ServiceState(4, 4, 4),
            5.0,
            2),
        arguments(
            "Value: multiplies by ready pods (3), not spec (4) -> ceil(2 x 3) = 6",
            value(10),
            new ServiceState(4, 4, 3),
            20.0,
            6),
        arguments(
            "Value: pods exist but none is ready -> 0, raised to 1",
            value(1),
            new ServiceState(2, 2, 0),
            5.0,
            1),
        arguments(
            "Value: ratio 1.05 is inside the tolerance -> unchanged",
            value(10),
            new ServiceState(4, 4, 4),
            10.5,
            4),
        arguments(
            "tolerance 0 (behavior.scaleUp.tolerance) turns ratio 1.05 into ceil(4.2) = 5",
            value(10)
                .withBehavior(
                    NO_DOWN_WINDOW.withScaleUp(
                        HpaScalingRules.scaleUpDefaults().withTolerance(0.0))),
            new ServiceState(4, 4, 4),
            10.5,
            5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hpaArithmetic")
  void oneHpaSyncTurnsTheMetricIntoReplicas(
      String name, ThresholdConfig config, ServiceState state, double metric, int expected) {
    if (config.behavior().isEmpty()) {
      config = config.withBehavior(NO_DOWN_WINDOW);
    }
    ThresholdPolicy policy = new ThresholdPolicy(config);

    ScalingDecision decision =
        policy.tick(0, Observation.of(S, state, Map.of("m", MetricReading.of(metric))));

    assertThat(decision.desired(S)).isEqualTo(expected);
  }

  @Test
  void theAverageValueLatencyPitfallIsExplainedInTheReason() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(0.3).withBehavior(NO_DOWN_WINDOW));

    ServiceDecision decision =
        policy
            .tick(0, Observation.of(S, ServiceState.steady(4), Map.of("m", MetricReading.of(0.6))))
            .only();

    assertThat(decision.desiredReplicas()).isEqualTo(2);
    assertThat(decision.reason())
        .contains("m 0.600 / AverageValue target 0.300 -> 2")
        .contains("4 -> 2");
  }

  // ---------------------------------------------------------------------------------------------
  // Several triggers

  static Stream<Arguments> multipleTriggers() {
    MetricReading fail = MetricReading.failed("timeout");
    return Stream.of(
        arguments("the largest proposal wins (3 vs 5)", readings("a", 3, "b", 5), 5),
        arguments("a failed trigger does not stop a scale-up", readings("a", fail, "b", 8), 8),
        arguments("a failed trigger blocks a scale-down", readings("a", fail, "b", 1), 4),
        arguments("all triggers failed: keep the count", readings("a", fail, "b", fail), 4),
        arguments("a missing reading is a failed poll, not 0", readings("b", 1), 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multipleTriggers")
  void withSeveralTriggersTheMaximumWins(
      String name, Map<String, MetricReading> metrics, int expected) {
    ThresholdConfig config =
        ThresholdConfig.of(S, Trigger.averageValue("a", 1), Trigger.averageValue("b", 1))
            .withReplicaCounts(1, 100)
            .withBehavior(NO_DOWN_WINDOW);
    ScaleTargetStub target = new ScaleTargetStub(new ThresholdPolicy(config), 4);

    target.tick(0, metrics);

    assertThat(target.replicas).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // KEDA activation and scaling to and from zero (every 15 s: HPA sync; every 30 s: KEDA poll)

  private static ThresholdConfig zeroToOne() {
    return ThresholdConfig.of(S, Trigger.averageValue("m", 10).withActivationThreshold(2))
        .withCooldownPeriod(120);
  }

  static Stream<Arguments> activation() {
    return Stream.of(
        arguments(
            "a metric equal to activationThreshold does not activate",
            zeroToOne(),
            0,
            List.of("0=2", "30=2"),
            List.of(0, 0)),
        arguments(
            "a metric strictly above activationThreshold scales 0 -> 1",
            zeroToOne(),
            0,
            List.of("0=2.5"),
            List.of(1)),
        arguments(
            "with minReplicaCount 3 activation scales 0 -> 3",
            zeroToOne().withReplicaCounts(3, 10),
            0,
            List.of("0=2.5"),
            List.of(3)),
        arguments(
            "the HPA does nothing at 0 replicas; activation waits for the poll",
            zeroToOne(),
            0,
            List.of("0=0", "15=50", "30=50"),
            List.of(0, 0, 1)),
        arguments(
            "1 -> 0 only once lastActive + cooldownPeriod (120 s) is strictly past",
            zeroToOne(),
            0,
            List.of(
                "0=5", "15=0", "30=0", "45=0", "60=0", "75=0", "90=0", "105=0", "120=0", "135=0",
                "150=0"),
            List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)),
        arguments(
            "activity during the cooldown restarts it",
            zeroToOne(),
            0,
            List.of("0=5", "30=0", "60=0", "90=5", "120=0", "180=0", "210=0", "240=0"),
            List.of(1, 1, 1, 1, 1, 1, 1, 0)),
        arguments(
            "below the activation threshold the HPA keeps 1; only KEDA's cooldown reaches 0",
            zeroToOne(),
            1,
            List.of("0=5", "15=1.5", "30=1.5", "120=1.5", "135=1.5", "150=1.5"),
            List.of(1, 1, 1, 1, 1, 0)),
        arguments(
            "idle mode: inactive -> idleReplicaCount 0 after the cooldown, active -> min 2",
            zeroToOne().withReplicaCounts(2, 10).withIdleReplicaCount(0),
            2,
            List.of("0=5", "60=0", "120=0", "150=0", "180=5"),
            List.of(2, 2, 2, 0, 2)),
        arguments(
            "never active (no lastActiveTime): initialCooldownPeriod 0 lets the next poll scale in",
            zeroToOne().withReplicaCounts(2, 10).withIdleReplicaCount(0),
            2,
            List.of("0=0", "30=0"),
            List.of(2, 0)),
        arguments(
            "never active: initialCooldownPeriod 60 s delays the first scale to zero",
            zeroToOne().withInitialCooldownPeriod(60),
            3,
            List.of("0=0", "30=0", "60=0", "90=0"),
            List.of(3, 3, 3, 0)),
        arguments(
            "minReplicaCount 2 without idle mode: an inactive target below it is raised",
            zeroToOne().withReplicaCounts(2, 10),
            0,
            List.of("0=0"),
            List.of(2)),
        arguments(
            "a failed poll while inactive blocks the scale to zero with a pending fallback too",
            zeroToOne().withFallback(Fallback.of(100, 3)),
            1,
            List.of("0=5", "30=fail", "60=fail", "90=fail", "120=fail", "150=fail"),
            List.of(1, 1, 1, 1, 1, 1)),
        arguments(
            "KEDA's quirk: with fallback.replicas 0 a failed poll does not block the scale to zero",
            zeroToOne().withFallback(Fallback.of(100, 0)),
            1,
            List.of("0=5", "30=fail", "60=fail", "90=fail", "120=fail", "150=fail"),
            List.of(1, 1, 1, 1, 1, 0)),
        arguments(
            "a failed poll while inactive never scales to zero (no fallback)",
            zeroToOne(),
            1,
            List.of("0=5", "30=fail", "60=fail", "150=fail", "300=fail"),
            List.of(1, 1, 1, 1, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activation")
  void kedaActivatesAndDeactivates(
      String name,
      ThresholdConfig config,
      int initial,
      List<String> timeline,
      List<Integer> expected) {
    ScaleTargetStub target = new ScaleTargetStub(new ThresholdPolicy(config), initial);

    assertThat(target.run(timeline.toArray(String[]::new))).isEqualTo(expected);
  }

  @Test
  void anActiveObjectWithAFailedTriggerDoesNotRefreshItsLastActiveTime() {
    ThresholdConfig config =
        ThresholdConfig.of(
                S,
                Trigger.averageValue("a", 10).withActivationThreshold(2),
                Trigger.averageValue("b", 10))
            .withCooldownPeriod(120);
    ScaleTargetStub target = new ScaleTargetStub(new ThresholdPolicy(config), 1);
    MetricReading fail = MetricReading.failed("timeout");

    target.tick(0, readings("a", 5, "b", 1)); // active: last active time 0
    for (long t = 30; t <= 120; t += 30) {
      target.tick(t, readings("a", 5, "b", fail)); // active, but b failed
    }
    ServiceDecision inactive = target.tick(150, readings("a", 0, "b", 0));

    assertThat(inactive.desiredReplicas()).isZero(); // 0 + 120 s < 150 s
    assertThat(target.decisions.get(1).only().reason()).contains("last active time kept");
  }

  // ---------------------------------------------------------------------------------------------
  // HPA behavior: stabilization windows, rate policies, selectPolicy, min/max (sync every 15 s)

  private static List<String> every15(int untilSeconds, String value) {
    List<String> timeline = new ArrayList<>();
    for (int t = 0; t <= untilSeconds; t += 15) {
      timeline.add(t + "=" + value);
    }
    return timeline;
  }

  private static HpaBehavior up(HpaScalingRules rules) {
    return NO_DOWN_WINDOW.withScaleUp(rules);
  }

  private static HpaBehavior down(HpaScalingRules rules) {
    return HpaBehavior.defaults().withScaleDown(rules);
  }

  static Stream<Arguments> behavior() {
    HpaScalingRules upDefaults = HpaScalingRules.scaleUpDefaults();
    HpaScalingRules downNoWindow =
        HpaScalingRules.scaleDownDefaults().withStabilizationWindowSeconds(0);
    return Stream.of(
        arguments(
            "default scale-up: max(4 pods, 100 %) per 15 s, 2 -> 6 -> 12 -> 20",
            averageValue(1).withBehavior(HpaBehavior.defaults()),
            2,
            every15(30, "20"),
            List.of(6, 12, 20)),
        arguments(
            "selectPolicy Min takes the smaller change: 2 -> 4 -> 8 -> 12 -> 16 -> 20",
            averageValue(1).withBehavior(up(upDefaults.withSelectPolicy(SelectPolicy.MIN))),
            2,
            every15(60, "20"),
            List.of(4, 8, 12, 16, 20)),
        arguments(
            "selectPolicy Disabled never scales up",
            averageValue(1).withBehavior(up(upDefaults.withSelectPolicy(SelectPolicy.DISABLED))),
            2,
            every15(30, "20"),
            List.of(2, 2, 2)),
        arguments(
            "Pods 2 per 60 s: the period's scale events count against it",
            averageValue(1).withBehavior(up(upDefaults.withPolicies(HpaScalingPolicy.pods(2, 60)))),
            2,
            every15(120, "10"),
            List.of(4, 4, 4, 4, 6, 6, 6, 6, 8)),
        arguments(
            "Percent scale-up rounds up: 3 -> ceil(3.3) = 4 -> 5 -> 6",
            averageValue(1)
                .withBehavior(up(upDefaults.withPolicies(HpaScalingPolicy.percent(10, 15)))),
            3,
            every15(30, "10"),
            List.of(4, 5, 6)),
        arguments(
            "Percent scale-down truncates: 15 -> trunc(13.5) = 13 -> 11 -> 9",
            averageValue(1)
                .withBehavior(down(downNoWindow.withPolicies(HpaScalingPolicy.percent(10, 15)))),
            15,
            every15(30, "1"),
            List.of(13, 11, 9)),
        arguments(
            "scale-down Pods 1 per 60 s",
            averageValue(1)
                .withBehavior(down(downNoWindow.withPolicies(HpaScalingPolicy.pods(1, 60)))),
            10,
            every15(60, "2"),
            List.of(9, 9, 9, 9, 8)),
        arguments(
            "default scale-down window 300 s: the pitfall's 4 -> 2 lands at t = 300 s",
            averageValue(0.3).withBehavior(HpaBehavior.defaults()),
            4,
            every15(300, "0.6"),
            concat(repeat(4, 20), List.of(2))),
        arguments(
            "without behavior (legacy path) the 300 s window includes its edge: 4 -> 2 at 315 s",
            averageValue(0.3),
            4,
            every15(315, "0.6"),
            concat(repeat(4, 21), List.of(2))),
        arguments(
            "scale-up window 60 s takes the lowest recent recommendation: spikes are ignored",
            averageValue(1).withBehavior(up(upDefaults.withStabilizationWindowSeconds(60))),
            2,
            List.of("0=2", "15=10", "30=2", "45=10", "60=10", "75=10", "90=10"),
            List.of(2, 2, 2, 2, 2, 2, 6)),
        arguments(
            "legacy scale-up limit max(2 x current, 4) per sync: 1 -> 4 -> 8 -> 16 -> 30",
            averageValue(1),
            1,
            every15(45, "30"),
            List.of(4, 8, 16, 30)),
        arguments(
            "maxReplicaCount caps the desired count",
            averageValue(1).withReplicaCounts(1, 5).withBehavior(HpaBehavior.defaults()),
            4,
            every15(0, "40"),
            List.of(5)),
        arguments(
            "a count above maxReplicaCount is cut at once, without window",
            averageValue(1).withReplicaCounts(1, 5).withBehavior(HpaBehavior.defaults()),
            12,
            every15(0, "12"),
            List.of(5)),
        arguments(
            "a count below minReplicaCount is raised at once",
            averageValue(1).withReplicaCounts(3, 10).withBehavior(HpaBehavior.defaults()),
            1,
            every15(0, "1"),
            List.of(3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("behavior")
  void hpaBehaviorShapesTheReplicaCount(
      String name,
      ThresholdConfig config,
      int initial,
      List<String> timeline,
      List<Integer> expected) {
    // poll rarely so only the HPA acts after t = 0
    ScaleTargetStub target =
        new ScaleTargetStub(new ThresholdPolicy(config.withPollingInterval(3600)), initial);

    assertThat(target.run(timeline.toArray(String[]::new))).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // KEDA fallback (pkg/fallback/fallback.go)

  private static ThresholdConfig withFallback(Fallback fallback) {
    return averageValue(1)
        .withFallback(fallback)
        .withPollingInterval(3600)
        .withBehavior(HpaBehavior.defaults());
  }

  static Stream<Arguments> fallback() {
    return Stream.of(
        arguments(
            "failureThreshold 3: the 4th consecutive failed read falls back to 6",
            withFallback(Fallback.of(3, 6)),
            2,
            List.of("0=2", "15=fail", "30=fail", "45=fail", "60=fail"),
            List.of(2, 2, 2, 2, 6)),
        arguments(
            "KEDA's poll and the HPA's sync both count: the 4th read is at 45 s",
            withFallback(Fallback.of(3, 6)).withPollingInterval(30),
            2,
            List.of("0=2", "15=fail", "30=fail", "45=fail"),
            List.of(2, 2, 2, 6)),
        arguments(
            "a successful read resets the count",
            withFallback(Fallback.of(3, 6)),
            2,
            List.of(
                "0=2",
                "15=fail",
                "30=fail",
                "45=fail",
                "60=2",
                "75=fail",
                "90=fail",
                "105=fail",
                "120=fail"),
            List.of(2, 2, 2, 2, 2, 2, 2, 2, 6)),
        arguments(
            "without fallback failed reads keep the count, even past the cooldown",
            averageValue(1).withReplicaCounts(0, 10).withCooldownPeriod(60),
            4,
            List.of("0=4", "30=fail", "60=fail", "90=fail", "150=fail", "300=fail"),
            List.of(4, 4, 4, 4, 4, 4)),
        arguments(
            "the fallback still passes the tolerance: 11 against 10 replicas changes nothing",
            withFallback(Fallback.of(0, 11)),
            10,
            List.of("0=10", "15=fail", "30=fail"),
            List.of(10, 10, 10)),
        arguments(
            "behavior currentReplicasIfHigher keeps 8 over a fallback of 6",
            withFallback(new Fallback(0, 6, Fallback.Behavior.CURRENT_REPLICAS_IF_HIGHER))
                .withBehavior(NO_DOWN_WINDOW),
            8,
            List.of("0=8", "15=fail", "30=fail"),
            List.of(8, 8, 8)),
        arguments(
            "behavior currentReplicasIfLower goes to 6 from 8",
            withFallback(new Fallback(0, 6, Fallback.Behavior.CURRENT_REPLICAS_IF_LOWER))
                .withBehavior(NO_DOWN_WINDOW),
            8,
            List.of("0=8", "15=fail"),
            List.of(8, 6)),
        arguments(
            "a Value trigger falls back too (metric = target x replicas / ready)",
            value(0.3).withFallback(Fallback.of(0, 6)).withPollingInterval(3600),
            3,
            List.of("0=0.3", "15=fail"),
            List.of(3, 6)),
        arguments(
            "fallback activates a target at zero: the poll counts it active, then the HPA scales",
            averageValue(1)
                .withReplicaCounts(0, 10)
                .withFallback(Fallback.of(1, 4))
                .withPollingInterval(30),
            0,
            List.of("0=fail", "15=fail", "30=fail", "45=fail"),
            List.of(0, 0, 1, 4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fallback")
  void fallbackReplacesFailedReads(
      String name,
      ThresholdConfig config,
      int initial,
      List<String> timeline,
      List<Integer> expected) {
    ScaleTargetStub target = new ScaleTargetStub(new ThresholdPolicy(config), initial);

    assertThat(target.run(timeline.toArray(String[]::new))).isEqualTo(expected);
  }

  @Test
  void theFallbackReasonSaysWhyAndHowManyFailuresWereSeen() {
    ScaleTargetStub target =
        new ScaleTargetStub(new ThresholdPolicy(withFallback(Fallback.of(1, 6))), 2);
    target.run("0=2");

    ServiceDecision first = target.tick(15, MetricReading.failed("prometheus: connection refused"));
    ServiceDecision second =
        target.tick(30, MetricReading.failed("prometheus: connection refused"));

    assertThat(first.desiredReplicas()).isEqualTo(2);
    assertThat(first.reason())
        .contains("m failed (prometheus: connection refused), failure 1 of failureThreshold 1")
        .contains("no valid metric, keeping 2");
    assertThat(second.desiredReplicas()).isEqualTo(6);
    assertThat(second.reason()).contains("fallback metric 6.000");
  }

  // ---------------------------------------------------------------------------------------------
  // Scheduling of the two loops

  @Test
  void asksToRunAtTheNextHpaSyncOrKedaPollWhicheverComesFirst() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(1).withPollingInterval(20));
    Observation observation =
        Observation.of(S, ServiceState.steady(2), Map.of("m", MetricReading.of(2)));

    assertThat(policy.tick(0, observation).nextTickNanos()).isEqualTo(15 * SECOND);
    assertThat(policy.tick(15 * SECOND, observation).nextTickNanos()).isEqualTo(20 * SECOND);
    assertThat(policy.tick(20 * SECOND, observation).nextTickNanos()).isEqualTo(30 * SECOND);
  }

  @Test
  void anEarlyTickChangesNothingAndSaysWhenWorkIsDue() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(1));
    policy.tick(0, Observation.of(S, ServiceState.steady(2), Map.of("m", MetricReading.of(2))));

    ScalingDecision early =
        policy.tick(
            5 * SECOND,
            Observation.of(S, ServiceState.steady(2), Map.of("m", MetricReading.of(50))));

    assertThat(early.desired(S)).isEqualTo(2);
    assertThat(early.only().reason()).contains("no KEDA poll or HPA sync due for 10 s");
    assertThat(early.nextTickNanos()).isEqualTo(15 * SECOND);
  }

  @Test
  void aLateTickRunsEachLoopOnceAndReschedulesFromNow() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(1));
    Observation observation =
        Observation.of(S, ServiceState.steady(2), Map.of("m", MetricReading.of(2)));
    policy.tick(0, observation);

    ScalingDecision late = policy.tick(100 * SECOND, observation);

    assertThat(late.nextTickNanos()).isEqualTo(115 * SECOND);
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input fails at construction, naming the field

  static Stream<Arguments> invalidConfigs() {
    Trigger m = Trigger.averageValue("m", 1);
    return Stream.of(
        arguments(
            "minReplicaCount above maxReplicaCount",
            (Supplier<Object>) () -> ThresholdConfig.of(S, m).withReplicaCounts(5, 2),
            "minReplicaCount (5) must be <= maxReplicaCount (2)"),
        arguments(
            "idleReplicaCount not below minReplicaCount",
            (Supplier<Object>)
                () -> ThresholdConfig.of(S, m).withReplicaCounts(2, 5).withIdleReplicaCount(2),
            "idleReplicaCount (2) must be >= 0 and < minReplicaCount (2)"),
        arguments(
            "pollingInterval 0",
            (Supplier<Object>) () -> ThresholdConfig.of(S, m).withPollingInterval(0),
            "pollingInterval must be > 0"),
        arguments(
            "negative cooldownPeriod",
            (Supplier<Object>) () -> ThresholdConfig.of(S, m).withCooldownPeriod(-1),
            "cooldownPeriod must be >= 0"),
        arguments(
            "no trigger",
            (Supplier<Object>) () -> ThresholdConfig.of(S),
            "triggers: at least one trigger is required"),
        arguments(
            "two triggers on one metric",
            (Supplier<Object>) () -> ThresholdConfig.of(S, m, Trigger.value("m", 2)),
            "two triggers read the metric 'm'"),
        arguments(
            "threshold below Kubernetes' milli precision",
            (Supplier<Object>) () -> Trigger.averageValue("ttft", 0.0004),
            "trigger 'ttft': threshold must be >= 0.001"),
        arguments(
            "unknown metricType",
            (Supplier<Object>) () -> Trigger.MetricType.parse("Utilization"),
            "metricType must be AverageValue or Value"),
        arguments(
            "negative fallback.failureThreshold",
            (Supplier<Object>) () -> Fallback.of(-1, 3),
            "fallback.failureThreshold must be >= 0"),
        arguments(
            "negative fallback.replicas",
            (Supplier<Object>) () -> Fallback.of(3, -1),
            "fallback.replicas must be >= 0"),
        arguments(
            "policy periodSeconds 0",
            (Supplier<Object>) () -> HpaScalingPolicy.pods(1, 0),
            "periodSeconds must be in 1..1800"),
        arguments(
            "policy value 0",
            (Supplier<Object>) () -> HpaScalingPolicy.percent(0, 15),
            "value must be > 0"),
        arguments(
            "stabilizationWindowSeconds above one hour",
            (Supplier<Object>)
                () -> HpaScalingRules.scaleDownDefaults().withStabilizationWindowSeconds(3601),
            "stabilizationWindowSeconds must be in 0..3600"),
        arguments(
            "behavior direction without policies",
            (Supplier<Object>) () -> HpaScalingRules.scaleUpDefaults().withPolicies(),
            "policies: at least one policy is required"),
        arguments(
            "unknown selectPolicy",
            (Supplier<Object>) () -> SelectPolicy.parse("Average"),
            "selectPolicy must be Max, Min or Disabled"),
        arguments(
            "HPA sync period 0",
            (Supplier<Object>) () -> new HpaControllerSettings(0, 0.1, 300),
            "hpa.syncPeriodSeconds must be > 0"),
        arguments(
            "a NaN reading instead of a failed poll",
            (Supplier<Object>) () -> MetricReading.of(Double.NaN),
            "report a failed poll instead"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void invalidInputFailsWithAMessageNamingTheField(
      String name, Supplier<Object> build, String message) {
    assertThatThrownBy(build::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void timeMustNotGoBackwards() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(1));
    Observation observation =
        Observation.of(S, ServiceState.steady(1), Map.of("m", MetricReading.of(1)));
    policy.tick(10 * SECOND, observation);

    assertThatThrownBy(() -> policy.tick(5 * SECOND, observation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time went backwards");
  }

  @Test
  void anObservationWithoutTheScaledServiceIsRejected() {
    ThresholdPolicy policy = new ThresholdPolicy(averageValue(1));

    assertThatThrownBy(
            () -> policy.tick(0, Observation.of("other", ServiceState.steady(1), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no replica counts for service 'vllm'");
  }

  private static List<Integer> repeat(int value, int times) {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      list.add(value);
    }
    return list;
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> list = new ArrayList<>(a);
    list.addAll(b);
    return list;
  }
}
