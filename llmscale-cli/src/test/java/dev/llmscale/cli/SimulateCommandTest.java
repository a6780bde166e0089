package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code llmscale simulate}: bad input is one line and exit code 2; a run prints its table. */
class SimulateCommandTest {
  private static final String SMALL =
      """
      name: small
      model: qwen3-0.6b
      gpu: h100
      duration: 5m
      workload: {rate: 4, input: 500, output: 50}
      fleet: {initialReplicas: 1, nodePool: {maxNodes: 2}}
      policies:
        threshold:
          minReplicaCount: 1
          maxReplicaCount: 2
          triggers:
            - metadata:
                query: sum(rate(llmscale_frontend_requests_total[1m]))
                threshold: 5
      """;

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path scenario(String yaml) throws IOException {
    return Files.writeString(dir.resolve("scenario.yaml"), yaml);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "maxNodez: 2                 | scenario.yaml: fleet.nodePool.maxNodez: unknown field",
        "maxNodes: two               | fleet.nodePool.maxNodes: must be a number, not 'two'",
      })
  void aBadScenarioFieldIsNamedOnOneLine(String nodePool, String expected) throws IOException {
    Path file = scenario(SMALL.replace("maxNodes: 2", nodePool));

    Result result = run("simulate", file.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(expected);
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void refusesAPolicyTheScenarioDoesNotConfigure() throws IOException {
    Result result = run("simulate", scenario(SMALL).toString(), "--policy", "slo-planner");

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("scenario small configures no 'slo-planner' policy (it has: threshold)");
  }

  @Test
  void refusesAnUnknownPolicyAndAMissingFile() throws IOException {
    Result unknown = run("simulate", scenario(SMALL).toString(), "--policy", "magic");
    Result missing = run("simulate", dir.resolve("none.yaml").toString());

    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("unknown --policy 'magic'");
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("none.yaml: no such file");
  }

  @Test
  void runsPoliciesSideBySideAndWritesJsonAndHtml() throws IOException {
    Path out = dir.resolve("out");

    Result result =
        run(
            "simulate",
            scenario(SMALL).toString(),
            "--policy",
            "threshold,static",
            "--seed",
            "3",
            "--out",
            out.toString(),
            "--quiet");

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.out())
        .contains("small: 5 min simulated, seed 3")
        .contains("threshold")
        .contains("static")
        .contains("SLO attainment")
        .contains("GPU-hours")
        .contains("simulated hours per second")
        .contains("GPU-hours / oracle")
        .contains("oracle ");
    String json = Files.readString(out.resolve("results.json"));
    assertThat(json).contains("\"policy\" : \"threshold\"").contains("\"seed\" : 3");
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg").contains("Simulation: small").contains("--seed 3");
    assertThat(out.resolve("charts").resolve("ttft-p99.svg")).exists();
  }

  @Test
  void runsTheOraclesPlanAsAPolicy() throws IOException {
    Result result = run("simulate", scenario(SMALL).toString(), "--policy", "oracle-plan,static");

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("oracle-plan").contains("static").contains("oracle ");
    assertThat(result.out()).containsPattern("oracle-plan: \\d+ requests");
  }

  @Test
  void searchesTheLeastStaticFleetThatMeetsTheSlo() throws IOException {
    Result result = run("simulate", scenario(SMALL).toString(), "--policy", "best-static");

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("best-static").containsPattern("best-static: \\d+ requests");
    assertThat(result.out()).containsPattern("SLO met \\(at its quantile\\)\\s+yes");
  }
}
