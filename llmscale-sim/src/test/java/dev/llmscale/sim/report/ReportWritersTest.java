package dev.llmscale.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.sim.Comparison;
import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.FleetSimulation;
import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.TestSetups;
import dev.llmscale.sim.oracle.OracleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
  private static final RunResult RESULT =
      FleetSimulation.run(
          TestSetups.constantLoad(new ConstantStepModel(0.01, 0.005), 2, 1.0, 100, 10),
          null,
          ProgressListener.NONE);
  private static final OracleResult ORACLE =
      new OracleResult(0.01, 0.01, 60, new int[] {1}, "fixed 5 req/s per replica");
  private static final Comparison.Result COMPARISON =
      new Comparison.Result(List.of(RESULT, RESULT), ORACLE);

  @Test
  void jsonCarriesTheSummarySeriesAndActionsOfEveryPolicy() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResultsJson.toJson(COMPARISON));

    assertThat(json.get("runs").size()).isEqualTo(2);
    assertThat(json.get("oracle").get("gpuHours").asDouble()).isEqualTo(0.01);
    JsonNode first = json.get("runs").get(0);
    assertThat(first.get("policy").asText()).isEqualTo("static");
    assertThat(first.get("summary").get("requests").asLong()).isEqualTo(60);
    assertThat(first.get("summary").get("ttft").get("p50").asDouble()).isEqualTo(0.015, within());
    assertThat(first.get("series").size()).isEqualTo(6);
    assertThat(first.get("series").get(0).get("readyReplicas").asInt()).isEqualTo(2);
  }

  @Test
  void theTableHasOneColumnPerPolicyAndTheFiguresUsersCompare() {
    String table = ResultsTable.render(List.of(RESULT), ORACLE);

    assertThat(table.lines().findFirst().orElseThrow()).contains("static");
    assertThat(table)
        .contains("TTFT p50 / p90 / p99         15 ms / 15 ms / 15 ms")
        .contains("SLO attainment               100.0 %")
        .contains("errors                       0")
        // two one-GPU nodes for a minute against the oracle's 0.01 GPU-hours
        .contains("GPU-hours / oracle           3.33x");
  }

  @Test
  void theHtmlReportIsOnePageWithTheTableChartsAndActions() {
    String html =
        SimulationReport.build(COMPARISON, "what it shows", "llmscale simulate x.yaml", 0.3).html();

    assertThat(html).contains("Simulation: test").contains("what it shows");
    assertThat(html).contains("SLO attainment").contains("llmscale simulate x.yaml");
    assertThat(html).contains("oracle 0.01 GPU-hours (60 s windows, a plan of up to 1 replicas");
    assertThat(html.split("<svg", -1)).hasSize(6); // five charts
    // self-contained: nothing to run, nothing to fetch
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
  }

  @Test
  void chartsAreWrittenAsStandaloneSvgFiles(@TempDir Path dir) throws Exception {
    List<Path> files = SimulationReport.writeCharts(dir, List.of(RESULT), 0.3);

    assertThat(files)
        .extracting(f -> f.getFileName().toString())
        .containsExactly("rate.svg", "ttft-p99.svg", "signal.svg", "replicas.svg", "nodes.svg");
    String replicas = Files.readString(dir.resolve("replicas.svg"));
    assertThat(replicas).startsWith("<?xml").contains("<svg").contains("static ready");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
