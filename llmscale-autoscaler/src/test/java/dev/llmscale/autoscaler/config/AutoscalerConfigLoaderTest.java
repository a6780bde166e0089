package dev.llmscale.autoscaler.config;

import static dev.llmscale.autoscaler.config.ConfigFixture.MINIMAL_SPEC;
import static dev.llmscale.autoscaler.config.ConfigFixture.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The file's top level, its source and its targets, and the checks across them. */
class AutoscalerConfigLoaderTest {
  private static final String SPEC = MINIMAL_SPEC.indent(2);

  @TempDir Path directory;
  private ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(directory);
  }

  /** A threshold file with the given source and targets blocks. */
  private static String file(String sourceAndTargets) {
    return "policy: threshold\nscaledObject:\n" + SPEC + sourceAndTargets;
  }

  private static final String PROMETHEUS =
      "source: {prometheus: {serverAddress: \"http://127.0.0.1:9090\"}}\n";
  private static final String DEPLOYMENT = "targets: [{service: llm, kubernetes: {}}]\n";

  static Stream<Arguments> listenAddresses() {
    return Stream.of(
        arguments("", Optional.of(AutoscalerConfig.DEFAULT_LISTEN)),
        arguments("listen: off\n", Optional.empty()),
        arguments("listen: \"off\"\n", Optional.empty()),
        arguments(
            "listen: 0.0.0.0:9000\n",
            Optional.of(InetSocketAddress.createUnresolved("0.0.0.0", 9000))),
        arguments(
            "listen: \":9000\"\n",
            Optional.of(InetSocketAddress.createUnresolved("0.0.0.0", 9000))),
        arguments(
            "listen: \"[::1]:9464\"\n",
            Optional.of(InetSocketAddress.createUnresolved("::1", 9464))));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("listenAddresses")
  void listensWhereTold(String line, Optional<InetSocketAddress> expected) {
    AutoscalerConfig config = fixture.load(threshold(MINIMAL_SPEC) + line);

    assertThat(config.listen()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @MethodSource("dryRuns")
  void dryRunIsOffUnlessAsked(String line, boolean expected) {
    assertThat(fixture.load(threshold(MINIMAL_SPEC) + line).dryRun()).isEqualTo(expected);
  }

  static Stream<Arguments> dryRuns() {
    return Stream.of(
        arguments("", false), arguments("dryRun: true\n", true), arguments("dryRun: yes\n", true));
  }

  static Stream<Arguments> sources() {
    return Stream.of(
        arguments(
            "the triggers' server, as in a KEDA manifest",
            """
            policy: threshold
            targets: [{service: llm, kubernetes: {}}]
            scaledObject:
              scaleTargetRef: {name: llm}
              triggers:
                - type: prometheus
                  metadata:
                    serverAddress: http://prometheus.monitoring:9090
                    customHeaders: X-Scope-OrgID=team-a
                    timeout: "5000"
                    query: q
                    threshold: "1"
            """,
            new PrometheusSourceSpec(
                URI.create("http://prometheus.monitoring:9090"),
                Duration.ofSeconds(5),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("X-Scope-OrgID", "team-a"))),
        arguments(
            "prometheus with every field",
            file(
                """
                source:
                  prometheus:
                    serverAddress: https://prometheus.example:9090
                    timeout: 10s
                    username: autoscaler
                    passwordFile: secrets/password
                    customHeaders: {X-Scope-OrgID: team-a}
                """
                    + DEPLOYMENT),
            null),
        arguments(
            "scrape, a URL without a path reads /metrics",
            file(
                """
                source:
                  scrape:
                    targets: ["http://127.0.0.1:8080", "http://127.0.0.1:8081/stats"]
                    interval: 1s
                    timeout: 500ms
                    retention: 5m
                """
                    + DEPLOYMENT),
            new ScrapeSourceSpec(
                List.of(
                    URI.create("http://127.0.0.1:8080/metrics"),
                    URI.create("http://127.0.0.1:8081/stats")),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                Duration.ofMinutes(5))),
        arguments(
            "scrape defaults",
            file("source: {scrape: {targets: [\"http://127.0.0.1:8080/metrics\"]}}\n" + DEPLOYMENT),
            new ScrapeSourceSpec(
                List.of(URI.create("http://127.0.0.1:8080/metrics")),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofMinutes(10))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void readsTheSource(String name, String yaml, SourceSpec expected) {
    fixture.write("secrets/password", "s3cret\n");

    AutoscalerConfig config = fixture.load(yaml);

    SourceSpec want =
        expected != null
            ? expected
            : new PrometheusSourceSpec(
                URI.create("https://prometheus.example:9090"),
                Duration.ofSeconds(10),
                Optional.empty(),
                Optional.empty(),
                Optional.of("autoscaler"),
                Optional.empty(),
                Optional.of(directory.resolve("secrets/password")),
                Map.of("X-Scope-OrgID", "team-a"));
    assertThat(config.source()).isEqualTo(want);
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void aSourceBlockOverridesTheTriggersServerWithAWarning() {
    String yaml =
        """
        policy: threshold
        source: {prometheus: {serverAddress: "http://127.0.0.1:9090"}}
        targets: [{service: llm, kubernetes: {}}]
        scaledObject:
          scaleTargetRef: {name: llm}
          triggers:
            - {type: prometheus, metadata: {serverAddress: "http://prometheus:9090", query: q, threshold: "1"}}
        """;

    AutoscalerConfig config = fixture.load(yaml);

    assertThat(config.source())
        .isEqualTo(PrometheusSourceSpec.of(URI.create("http://127.0.0.1:9090")));
    assertThat(config.warnings())
        .containsExactly(
            directory.resolve(ConfigFixture.FILE)
                + ": scaledObject.triggers[0].metadata.serverAddress: ignored: source.prometheus"
                + " is read instead");
  }

  @Test
  void secretsStayOutOfTheSourcesText() {
    AutoscalerConfig config =
        fixture.load(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\", bearerToken: t0ps3cret}}\n"
                    + DEPLOYMENT));

    assertThat(config.source().toString())
        .doesNotContain("t0ps3cret")
        .contains("bearerToken=Optional[***]");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("", "the file is empty"),
        arguments("- a\n- b\n", "expected a mapping, found a list"),
        arguments(
            "policy: threshold\n---\npolicy: threshold\n", "expected one YAML document, found 2"),
        arguments(
            "policy: threshold\nsource: {prometheus: [1, 2}\n",
            "line 2, column 27: invalid YAML: expected ',' or ']', but got } (while parsing a"
                + " flow sequence)"),
        arguments(
            "policy: threshold\ntargets:\n  service: llm\n  - service: other\n",
            "line 4, column 3: invalid YAML: expected <block end>, but found '-' (while parsing a"
                + " block mapping)"),
        arguments(
            "policy: threshold\npolicy: slo-planner\n",
            "line 2, column 7: invalid YAML: duplicate field 'policy'"),
        arguments("dryRun: true\n", "policy: missing (required)"),
        arguments(
            "policy: thresold\n",
            "policy: expected threshold or slo-planner, found 'thresold'; did you mean"
                + " 'threshold'?"),
        arguments(
            "policy: threshold\nsources: {}\n", "sources: unknown field; did you mean 'source'?"),
        arguments(
            "policy: threshold\n" + PROMETHEUS + DEPLOYMENT,
            "scaledObject: missing: policy threshold reads a KEDA ScaledObject, given here or in"
                + " a file named by scaledObjectFile"),
        arguments(
            file(PROMETHEUS + DEPLOYMENT) + "scaledObjectFile: so.yaml\n",
            "scaledObjectFile: give scaledObject or scaledObjectFile, not both"),
        arguments(
            threshold(MINIMAL_SPEC) + "dryRun: maybe\n",
            "dryRun: expected true or false, found 'maybe'"),
        arguments(
            threshold(MINIMAL_SPEC) + "listen: 9464\n",
            "listen: expected host:port (127.0.0.1:9464, :9464 for all interfaces) or off, found"
                + " '9464'"),
        arguments(
            threshold(MINIMAL_SPEC) + "listen: \"127.0.0.1:99999\"\n",
            "listen: port must be in 0..65535, found 99999"),
        // sources
        arguments(
            file(DEPLOYMENT),
            "source: missing (required): give source.prometheus (a Prometheus server) or"
                + " source.scrape (scrape /metrics directly)"),
        arguments(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\"}, scrape: {targets:"
                    + " [\"http://g:8080\"]}}\n"
                    + DEPLOYMENT),
            "source: give exactly one of prometheus or scrape, found both"),
        arguments(
            file("source: {}\n" + DEPLOYMENT),
            "source: give exactly one of prometheus or scrape, found neither"),
        arguments(
            file("source: {prometheus: {serverAdress: \"http://p:9090\"}}\n" + DEPLOYMENT),
            "source.prometheus.serverAdress: unknown field; did you mean 'serverAddress'?"),
        arguments(
            file("source: {prometheus: {serverAddress: \"localhost:9090\"}}\n" + DEPLOYMENT),
            "source.prometheus.serverAddress: expected an http:// or https:// URL with a host,"
                + " found 'localhost:9090'"),
        arguments(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\", bearerToken: t, username:"
                    + " u, password: p}}\n"
                    + DEPLOYMENT),
            "source.prometheus: give a bearer token or basic authentication (username), not both"),
        arguments(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\", username: u}}\n"
                    + DEPLOYMENT),
            "source.prometheus: username 'u' needs exactly one of password or passwordFile"),
        arguments(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\", bearerTokenFile:"
                    + " token}}\n"
                    + DEPLOYMENT),
            "source.prometheus.bearerTokenFile: cannot read ${dir}/token (missing or not readable)"),
        arguments(
            file(
                "source: {prometheus: {serverAddress: \"http://p:9090\", timeout: 5 seconds}}\n"
                    + DEPLOYMENT),
            "source.prometheus.timeout: expected a duration such as 250ms, 30s, 5m, 1h, 1m30s, or"
                + " seconds as a number, found '5 seconds'"),
        arguments(
            file(
                "source: {scrape: {targets: [\"http://g:8080\"], interval: 1s, timeout: 2s}}\n"
                    + DEPLOYMENT),
            "source.scrape: timeout (2s) must not exceed interval (1s)"),
        arguments(
            file("source: {scrape: {targets: []}}\n" + DEPLOYMENT),
            "source.scrape: targets: at least one /metrics URL is required"),
        arguments(
            """
            policy: threshold
            targets: [{service: llm, kubernetes: {}}]
            scaledObject:
              scaleTargetRef: {name: llm}
              triggers:
                - {type: prometheus, metadata: {serverAddress: "http://a:9090", query: q, threshold: "1"}}
                - {type: prometheus, metadata: {serverAddress: "http://b:9090", query: q, threshold: "1"}}
            """,
            "scaledObject.triggers[1].metadata: serverAddress, customHeaders and timeout differ"
                + " from scaledObject.triggers[0].metadata's; one autoscaler reads one Prometheus:"
                + " give it in source.prometheus"),
        // targets
        arguments(file(PROMETHEUS), "targets: missing (required)"),
        arguments(file(PROMETHEUS + "targets: []\n"), "targets: at least one target is required"),
        arguments(
            file(PROMETHEUS + "targets: [{service: other, kubernetes: {}}]\n"),
            "targets[0].service: 'other' is not scaled by the policy, which scales: llm"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, kubernetes: {}}, {service: llm, kubernetes:"
                    + " {}}]\n"),
            "targets[1].service: 'llm' already has an entry, targets[0]"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, kubernetes: {}, local: {upstreamsFile: u.txt}}]\n"),
            "targets[0]: give exactly one of kubernetes or local, found both"),
        arguments(
            file(PROMETHEUS + "targets: [{service: llm}]\n"),
            "targets[0]: give exactly one of kubernetes or local, found neither"),
        arguments(
            file(PROMETHEUS + "targets: [{service: llm, kubernetes: {name: vLLM}}]\n"),
            "targets[0].kubernetes: name 'vLLM' must be a Kubernetes object name: lower-case"
                + " letters, digits, '-' and '.'"),
        arguments(
            file(PROMETHEUS + "targets: [{service: llm, kubernetes: {namespce: prod}}]\n"),
            "targets[0].kubernetes.namespce: unknown field; did you mean 'namespace'?"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, kubernetes: {readyReplicasFrom: {apiVersion:"
                    + " nvidia.com/v1alpha1, kind: DynamoGraphDeployment, name: llm}}}]\n"),
            "targets[0].kubernetes: readyReplicasFrom needs readyReplicasPath: the field of"
                + " DynamoGraphDeployment 'llm' that holds the ready count"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, kubernetes: {kubeconfig: missing/kubeconfig}}]\n"),
            "targets[0].kubernetes.kubeconfig: cannot read ${dir}/missing/kubeconfig (missing or"
                + " not readable)"),
        arguments(
            "policy: threshold\nscaledObject:\n"
                + "  scaleTargetRef: {name: llm, kind: StatefulSet}\n"
                + "  triggers: [{type: prometheus, metadata: {query: q, threshold: 1}}]\n"
                + PROMETHEUS
                + "targets: [{service: llm, kubernetes: {kind: Deployment}}]\n",
            "targets[0].kubernetes.kind: 'Deployment' contradicts"
                + " scaledObject.scaleTargetRef.kind 'StatefulSet'"),
        arguments(
            file(PROMETHEUS + "targets: [{service: llm, local: {}}]\n"),
            "targets[0].local.upstreamsFile: missing (required)"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {model:"
                    + " gpt-5}}}]\n"),
            "targets[0].local.emulator.model: unknown model 'gpt-5'; known: qwen3-0.6b,"
                + " llama-3.1-8b, qwen2.5-7b, mistral-7b, llama-3.3-70b"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {gpu:"
                    + " h800}}}]\n"),
            "targets[0].local.emulator.gpu: unknown GPU 'h800'; known: t4, a10, a100-80gb, h100,"
                + " h200"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {args:"
                    + " {max-num-seq: 64}}}}]\n"),
            "targets[0].local.emulator.args.max-num-seq: unknown field; did you mean"
                + " 'max-num-seqs'?"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {args:"
                    + " {startup-delay: 5s}}}}]\n"),
            "targets[0].local.emulator.args.startup-delay: set by local.coldStart, not by an"
                + " argument"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator: {model:"
                    + " llama-3.3-70b, gpu: t4}}}]\n"),
            "targets[0].local.emulator: llama-3.3-70b does not fit on 1 x t4 at"
                + " gpu_memory_utilization 0.90: weights 131.4 GiB, usable 12.0 GiB"),
        arguments(
            file(
                PROMETHEUS
                    + "targets: [{service: llm, local: {upstreamsFile: u.txt, emulator:"
                    + " {performanceModel: profile}}}]\n"),
            "targets[0].local.emulator.performanceModel: performanceModel: profile needs a profile"
                + " file (emulator.profile)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void rejectsWithTheFieldNamed(String yaml, String message) {
    assertThat(fixture.error(yaml)).isEqualTo(message);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = directory.resolve("nowhere.yaml");

    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> AutoscalerConfigLoader.load(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": no such file");
  }
}
