package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks across blocks: what the policy assumes against the source and targets set up. */
class SetupChecksTest {
  private static final String PLANNER =
      """
      policy: slo-planner
      planner:
        service: llm
        maxReplicas: 4
        slo: {ttft: 300ms, itl: 50ms}
        capacity: {model: qwen3-0.6b, gpu: h100}
      """;
  private static final String PROMETHEUS =
      "source: {prometheus: {serverAddress: \"http://127.0.0.1:9090\"}}\n";

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        arguments(
            "a ScaledObject beside the planner",
            PLANNER
                + PROMETHEUS
                + "targets: [{service: llm, kubernetes: {}}]\n"
                + "scaledObject: {scaleTargetRef: {name: llm}}\n"
                + "hpaController: {syncPeriod: 15s}\n",
            List.of(
                "scaledObject: ignored: only read by policy threshold",
                "hpaController: ignored: only read by policy threshold")),
        arguments(
            "a planner beside the ScaledObject",
            ConfigFixture.threshold(ConfigFixture.MINIMAL_SPEC)
                + "planner: {service: llm, maxReplicas: 4}\n",
            List.of("planner: ignored: only read by policy slo-planner")),
        arguments(
            "the planner sizes another model than the replicas run",
            PLANNER
                + PROMETHEUS
                + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {model:"
                + " llama-3.1-8b}}}]\n",
            List.of(
                "planner.capacity: sizes qwen3-0.6b on h100 while service 'llm' runs llama-3.1-8b"
                    + " on h100; its replica counts will not fit the replicas")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void warnsAboutSettingsThatDoNotApply(String name, String yaml, List<String> expected) {
    AutoscalerConfig config = fixture.load(yaml);

    String file = directory.resolve(ConfigFixture.FILE) + ": ";
    assertThat(config.warnings())
        .containsExactlyElementsOf(expected.stream().map(file::concat).toList());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments(
            """
            policy: slo-planner
            planner:
              pools:
                - {service: prefill, role: prefill, maxReplicas: 2}
                - {service: decode, role: decode, maxReplicas: 2}
              slo: {ttft: 300ms, itl: 50ms}
              capacity: {model: qwen3-0.6b, gpu: h100}
            source: {prometheus: {serverAddress: "http://127.0.0.1:9090"}}
            targets:
              - {service: prefill, local: {upstreamsFile: upstreams.txt}}
              - {service: decode, local: {upstreamsFile: ./upstreams.txt}}
            """,
            "targets[1].local.upstreamsFile: also written by targets[0]; each service needs its"
                + " own file, or the gateway mixes them"),
        arguments(
            PLANNER
                + "  signals: {window: 15m}\n"
                + "source: {scrape: {targets: [\"http://127.0.0.1:8080\"]}}\n"
                + "targets: [{service: llm, kubernetes: {}}]\n",
            "source.scrape.retention: 10m is shorter than planner.signals.window (15m), which the"
                + " queries read over"),
        arguments(
            PLANNER
                + "  errorBudget: {period: 1h}\n"
                + "source: {scrape: {targets: [\"http://127.0.0.1:8080\"]}}\n"
                + "targets: [{service: llm, kubernetes: {}}]\n",
            "source.scrape.retention: 10m is shorter than planner.errorBudget.period (1h), whose"
                + " first tokens the budget counts"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void rejectsSetupsThatCannotWork(String yaml, String message) {
    assertThat(fixture.error(yaml)).isEqualTo(message);
  }

  @Test
  void aServerAddressLosesItsTrailingSlash() {
    AutoscalerConfig config =
        fixture.load(
            ConfigFixture.threshold(ConfigFixture.MINIMAL_SPEC)
                .replace("http://127.0.0.1:9090", "http://127.0.0.1:9090/"));

    assertThat(((PrometheusSourceSpec) config.source()).serverAddress())
        .isEqualTo(URI.create("http://127.0.0.1:9090"));
  }
}
