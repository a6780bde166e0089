package dev.llmscale.autoscaler.config;

import static dev.llmscale.autoscaler.config.ConfigFixture.MINIMAL_SPEC;
import static dev.llmscale.autoscaler.config.ConfigFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.core.policy.Fallback;
import dev.llmscale.core.policy.HpaBehavior;
import dev.llmscale.core.policy.HpaControllerSettings;
import dev.llmscale.core.policy.HpaScalingPolicy;
import dev.llmscale.core.policy.HpaScalingRules;
import dev.llmscale.core.policy.ThresholdConfig;
import dev.llmscale.core.policy.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A ScaledObject's spec, field by field, to the threshold policy's {@link ThresholdConfig}. */
class ScaledObjectReaderTest {
  private static final Trigger TTFT = Trigger.averageValue("s0-prometheus", 0.3);
  private static final ThresholdConfig MINIMAL = ThresholdConfig.of("llm", TTFT);

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  static Stream<Arguments> mappings() {
    return Stream.of(
        arguments("KEDA's defaults, legacy HPA path", MINIMAL_SPEC, MINIMAL),
        arguments(
            "every scalar field",
            MINIMAL_SPEC
                + """
                pollingInterval: 15
                cooldownPeriod: 120
                initialCooldownPeriod: 60
                minReplicaCount: 2
                maxReplicaCount: 8
                idleReplicaCount: 1
                """,
            MINIMAL
                .withPollingInterval(15)
                .withCooldownPeriod(120)
                .withInitialCooldownPeriod(60)
                .withReplicaCounts(2, 8)
                .withIdleReplicaCount(1)),
        arguments(
            "threshold as a number, Value metric, named trigger, activation",
            """
            scaleTargetRef: {name: llm}
            triggers:
              - type: prometheus
                name: ttft_p99
                metricType: Value
                metadata: {query: q, threshold: 0.3, activationThreshold: "0.05"}
            """,
            ThresholdConfig.of(
                "llm", Trigger.value("ttft_p99", 0.3).withActivationThreshold(0.05))),
        arguments(
            "unnamed triggers take KEDA's metric names by position",
            """
            scaleTargetRef: {name: llm}
            triggers:
              - {type: prometheus, metadata: {query: a, threshold: "0.3"}}
              - {type: prometheus, metadata: {query: b, threshold: "4"}}
            """,
            ThresholdConfig.of("llm", TTFT, Trigger.averageValue("s1-prometheus", 4))),
        arguments(
            "fallback, static by default",
            MINIMAL_SPEC + "fallback: {failureThreshold: 3, replicas: 4}\n",
            MINIMAL.withFallback(Fallback.of(3, 4))),
        arguments(
            "fallback behavior",
            MINIMAL_SPEC
                + "fallback: {failureThreshold: 3, replicas: 4, behavior: currentReplicasIfHigher}\n",
            MINIMAL.withFallback(new Fallback(3, 4, Fallback.Behavior.CURRENT_REPLICAS_IF_HIGHER))),
        arguments(
            "advanced without behavior stays on the legacy path",
            MINIMAL_SPEC + "advanced: {horizontalPodAutoscalerConfig: {}}\n",
            MINIMAL),
        arguments(
            "an empty behavior takes Kubernetes' defaults in both directions",
            MINIMAL_SPEC + "advanced: {horizontalPodAutoscalerConfig: {behavior: {}}}\n",
            MINIMAL.withBehavior(HpaBehavior.defaults())),
        arguments(
            "a direction's missing fields take that direction's defaults",
            MINIMAL_SPEC
                + """
                advanced:
                  horizontalPodAutoscalerConfig:
                    behavior:
                      scaleDown: {stabilizationWindowSeconds: 60}
                """,
            MINIMAL.withBehavior(
                HpaBehavior.defaults()
                    .withScaleDown(
                        HpaScalingRules.scaleDownDefaults().withStabilizationWindowSeconds(60)))),
        arguments(
            "both directions written out, tolerance as a quantity",
            MINIMAL_SPEC
                + """
                advanced:
                  horizontalPodAutoscalerConfig:
                    behavior:
                      scaleUp:
                        stabilizationWindowSeconds: 0
                        selectPolicy: Max
                        policies: [{type: Percent, value: 100, periodSeconds: 15}]
                        tolerance: 50m
                      scaleDown:
                        stabilizationWindowSeconds: 300
                        selectPolicy: Min
                        policies:
                          - {type: Pods, value: 1, periodSeconds: 60}
                          - {type: Percent, value: 10, periodSeconds: 60}
                """,
            MINIMAL.withBehavior(
                new HpaBehavior(
                    HpaScalingRules.scaleUpDefaults()
                        .withPolicies(HpaScalingPolicy.percent(100, 15))
                        .withTolerance(0.05),
                    HpaScalingRules.scaleDownDefaults()
                        .withStabilizationWindowSeconds(300)
                        .withSelectPolicy(HpaScalingRules.SelectPolicy.MIN)
                        .withPolicies(
                            HpaScalingPolicy.pods(1, 60), HpaScalingPolicy.percent(10, 60))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void mapsTheSpec(String name, String spec, ThresholdConfig expected) {
    AutoscalerConfig config = fixture.load(threshold(spec));

    assertThat(((ThresholdSpec) config.policy()).config()).isEqualTo(expected);
    assertThat(config.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void mapsTheSameSpecInsideAManifest(String name, String spec, ThresholdConfig expected) {
    String manifest =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: llm}
        spec:
        """
            + spec.indent(2);

    AutoscalerConfig config = fixture.load(threshold(manifest));

    assertThat(((ThresholdSpec) config.policy()).config()).isEqualTo(expected);
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        arguments("ignoreNullValues defaults to true", "{query: q, threshold: 1}", true),
        arguments(
            "false as KEDA writes it",
            "{query: q, threshold: 1, ignoreNullValues: \"false\"}",
            false),
        arguments("Go's short form", "{query: q, threshold: 1, ignoreNullValues: f}", false),
        arguments("a YAML boolean", "{query: q, threshold: 1, ignoreNullValues: true}", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void eachTriggerIsOneQueryNamedAsItsMetric(String name, String metadata, boolean emptyAsZero) {
    String spec =
        """
        scaleTargetRef: {name: llm}
        triggers: [{type: prometheus, name: ttft, metadata: %s}]
        """
            .formatted(metadata);

    AutoscalerConfig config = fixture.load(threshold(spec));

    assertThat(config.policy().queries())
        .containsExactly(new MetricQuery("ttft", "q", emptyAsZero));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllerSettings")
  void hpaControllerFlagsComeFromTheirOwnBlock(
      String name, String block, HpaControllerSettings expected) {
    AutoscalerConfig config = fixture.load(threshold(MINIMAL_SPEC) + block);

    assertThat(((ThresholdSpec) config.policy()).config().hpa()).isEqualTo(expected);
  }

  static Stream<Arguments> controllerSettings() {
    return Stream.of(
        arguments("defaults", "", HpaControllerSettings.DEFAULTS),
        arguments(
            "all three",
            "hpaController: {syncPeriod: 30s, tolerance: 0.05, downscaleStabilization: 5m}\n",
            new HpaControllerSettings(30, 0.05, 300)),
        arguments(
            "seconds as numbers",
            "hpaController: {syncPeriod: 10}\n",
            new HpaControllerSettings(10, 0.1, 300)));
  }

  static Stream<Arguments> errors() {
    String trigger = "scaledObject.triggers[0]";
    String behavior = "scaledObject.advanced.horizontalPodAutoscalerConfig.behavior";
    return Stream.of(
        arguments(
            MINIMAL_SPEC + "pollingIntervall: 30\n",
            "scaledObject.pollingIntervall: unknown field; did you mean 'pollingInterval'?"),
        arguments(
            MINIMAL_SPEC + "minReplicas: 1\n",
            "scaledObject.minReplicas: unknown field; did you mean 'minReplicaCount'?"),
        arguments(
            MINIMAL_SPEC + "cooldown: 60\n",
            "scaledObject.cooldown: unknown field; did you mean 'cooldownPeriod'?"),
        arguments(
            MINIMAL_SPEC + "pollingInterval: 30s\n",
            "scaledObject.pollingInterval: expected whole seconds as a number, as KEDA takes"
                + " them, found '30s' (write 30)"),
        arguments(
            MINIMAL_SPEC + "maxReplicaCount: 2.5\n",
            "scaledObject.maxReplicaCount: expected a whole number, found 2.5"),
        arguments(
            MINIMAL_SPEC + "minReplicaCount: 5\nmaxReplicaCount: 2\n",
            "scaledObject: minReplicaCount (5) must be <= maxReplicaCount (2)"),
        arguments(
            MINIMAL_SPEC + "minReplicaCount: 1\nidleReplicaCount: 1\n",
            "scaledObject: idleReplicaCount (1) must be >= 0 and < minReplicaCount (1)"),
        arguments(
            "triggers: [{type: prometheus, metadata: {query: q, threshold: 1}}]\n",
            "scaledObject.scaleTargetRef: missing (required)"),
        arguments(
            "scaleTargetRef: {name: llm}\ntriggers: []\n",
            "scaledObject.triggers: at least one trigger is required"),
        arguments(
            "scaleTargetRef: {name: llm}\ntriggers: [{type: cpu, metadata: {value: \"50\"}}]\n",
            trigger
                + ".type: trigger type 'cpu' is not supported; the supported type is prometheus"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metricType: Utilization, metadata: {query: q,"
                + " threshold: 1}}]\n",
            trigger + ".metricType: metricType must be AverageValue or Value, not 'Utilization'"),
        arguments(
            "scaleTargetRef: {name: llm}\ntriggers: [{type: prometheus, metadata: {query: q}}]\n",
            trigger + ".metadata.threshold: missing (required)"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, threshold: high}}]\n",
            trigger + ".metadata.threshold: expected a number, found 'high'"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, threshold: \"0.0001\"}}]\n",
            trigger
                + ": trigger 's0-prometheus': threshold must be >= 0.001 (Kubernetes quantities"
                + " have milli precision): 1.0E-4"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, treshold: 1}}]\n",
            trigger + ".metadata.treshold: unknown field; did you mean 'threshold'?"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, thresholdFromEnv: T}}]\n",
            trigger
                + ".metadata.thresholdFromEnv: reads the scale target's container environment,"
                + " which the autoscaler cannot see; give threshold itself"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, threshold: 1, namespace:"
                + " team-a}}]\n",
            trigger
                + ".metadata.namespace: not supported: it changes what the query returns and the"
                + " Prometheus source sends only the query; fold it into the query or the server"
                + " address"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, metadata: {query: q, threshold: 1, unsafeSsl:"
                + " \"true\"}}]\n",
            trigger + ".metadata.unsafeSsl: not supported: TLS certificates are always verified"),
        arguments(
            "scaleTargetRef: {name: llm}\n"
                + "triggers: [{type: prometheus, useCachedMetrics: true, metadata: {query: q,"
                + " threshold: 1}}]\n",
            trigger
                + ".useCachedMetrics: not supported: the HPA here reads every trigger afresh at"
                + " each sync; remove it or set it to false"),
        arguments(
            """
            scaleTargetRef: {name: llm}
            triggers:
              - {type: prometheus, name: ttft, metadata: {query: a, threshold: 1}}
              - {type: prometheus, name: ttft, metadata: {query: b, threshold: 1}}
            """,
            "scaledObject: triggers: two triggers read the metric 'ttft'"),
        arguments(
            MINIMAL_SPEC + "fallback: {failureThreshold: 3}\n",
            "scaledObject.fallback.replicas: missing (required)"),
        arguments(
            MINIMAL_SPEC + "fallback: {failureThreshold: 3, replicas: 4, behavior: max}\n",
            "scaledObject.fallback.behavior: fallback.behavior must be static, currentReplicas,"
                + " currentReplicasIfHigher or currentReplicasIfLower, not 'max'"),
        arguments(
            MINIMAL_SPEC + "fallback: {failureThreshold: -1, replicas: 4}\n",
            "scaledObject.fallback: fallback.failureThreshold must be >= 0: -1"),
        arguments(
            MINIMAL_SPEC + "advanced: {scalingModifiers: {formula: \"a + b\", target: \"2\"}}\n",
            "scaledObject.advanced.scalingModifiers: not supported: each trigger scales on its"
                + " own metric and the highest count wins; write the formula into one trigger's"
                + " query instead"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleUp: {selectPolicy:"
                + " maximum}}}}\n",
            behavior
                + ".scaleUp.selectPolicy: selectPolicy must be Max, Min or Disabled, not 'maximum'"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleUp: {policies:"
                + " []}}}}\n",
            behavior + ".scaleUp: policies: at least one policy is required"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleDown:"
                + " {stabilizationWindowSeconds: 4000}}}}\n",
            behavior + ".scaleDown: stabilizationWindowSeconds must be in 0..3600: 4000"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleDown: {policies:"
                + " [{type: Pods, value: 0, periodSeconds: 60}]}}}}\n",
            behavior + ".scaleDown.policies[0]: value must be > 0: 0"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleDown: {policies:"
                + " [{type: Replicas, value: 1, periodSeconds: 60}]}}}}\n",
            behavior
                + ".scaleDown.policies[0].type: policy type must be Pods or Percent, not"
                + " 'Replicas'"),
        arguments(
            MINIMAL_SPEC
                + "advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleUp: {policy: []}}}}\n",
            behavior + ".scaleUp.policy: unknown field; did you mean 'policies'?"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void rejectsWithTheFieldNamed(String spec, String message) {
    assertThat(fixture.error(threshold(spec))).isEqualTo(message);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("controllerErrors")
  void rejectsControllerFlags(String block, String message) {
    assertThat(fixture.error(threshold(MINIMAL_SPEC) + block)).isEqualTo(message);
  }

  static Stream<Arguments> controllerErrors() {
    return Stream.of(
        arguments(
            "hpaController: {syncPeriod: 1500ms}\n",
            "hpaController.syncPeriod: must be whole seconds, found '1500ms'"),
        arguments(
            "hpaController: {syncPeriod: 0}\n",
            "hpaController: hpa.syncPeriodSeconds must be > 0: 0"),
        arguments(
            "hpaController: {tolerence: 0.1}\n",
            "hpaController.tolerence: unknown field; did you mean 'tolerance'?"));
  }

  @org.junit.jupiter.api.Test
  void thePolicyItCreatesScalesTheService() {
    AutoscalerConfig config = fixture.load(threshold(MINIMAL_SPEC));

    assertThat(config.policy().createPolicy().services()).isEqualTo(List.of("llm"));
    assertThat(config.policy().kind()).isEqualTo("threshold");
  }
}
