package dev.llmscale.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @Test
  void aSelfContainedPageWithTablesAndInlineCharts(@TempDir Path dir) throws Exception {
    HtmlReport report =
        new HtmlReport("Demo <burst>", "threshold vs slo-planner")
            .heading("Summary")
            .table(List.of("policy", "p99 TTFT"), List.of(List.of("threshold", "1.2 s")))
            .chart(
                new TimeChart("rate", "time (s)", "req/s")
                    .add(Series.line("rate", new double[] {0, 1}, new double[] {1, 2})));

    Path file = report.write(dir.resolve("sub/report.html"));
    String html = Files.readString(file);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Demo &lt;burst&gt;</title>");
    assertThat(html).contains("<td>threshold</td><td>1.2 s</td>").contains("<svg");
    assertThat(html).doesNotContain("<script").doesNotContainPattern("(src|href)=");
  }

  @Test
  void aRowMustMatchTheHeaders() {
    assertThatThrownBy(
            () -> new HtmlReport("t", null).table(List.of("a", "b"), List.of(List.of("1"))))
        .hasMessageContaining("a row has 1 cells for 2 headers");
  }
}
