package dev.llmscale.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.openai.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in a short mode: a real Prometheus, the gateway, emulated replicas with a
 * cold start and the SLO planner; the burst makes it scale up, the end of the burst makes it scale
 * down, no request is lost, and nothing is left running.
 */
class DemoIT {

  @Test
  void aShortDemoScalesUpAndDownLosesNothingAndStopsEverything(@TempDir Path dir) throws Exception {
    ExternalTools.require("prometheus");
    DemoSettings settings =
        new DemoSettings(
            List.of("slo-planner"),
            "llama-3.1-8b",
            "a10",
            1000,
            50,
            1,
            6,
            Duration.ofSeconds(75),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            1,
            3,
            "prometheus",
            1,
            dir,
            false,
            "llmscale demo (DemoIT)");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    long threadsBefore = demoThreads();

    List<PolicyRun> runs =
        Demo.run(settings, new PrintStream(console, true, StandardCharsets.UTF_8), false);

    PolicyRun run = runs.getFirst();
    assertThat(run.requests()).hasSizeGreaterThan(100);
    assertThat(run.errors()).as("no request lost").isZero();
    int peak = run.samples().stream().mapToInt(ReplicaSample::desired).max().orElseThrow();
    assertThat(peak).as("the burst scaled it up").isGreaterThanOrEqualTo(2);
    int last = run.samples().getLast().desired();
    assertThat(last).as("the end of the burst scaled it down").isLessThan(peak);
    assertThat(run.samples().stream().mapToInt(ReplicaSample::ready).max().orElseThrow())
        .as("new replicas became ready after their cold start")
        .isGreaterThanOrEqualTo(2);

    String report = Files.readString(dir.resolve("report.html"));
    assertThat(report).contains("<td>slo-planner</td>").contains("<svg");
    assertThat(dir.resolve("slo-planner/decisions.jsonl")).isNotEmptyFile();
    assertThat(dir.resolve("slo-planner/records.jsonl")).isNotEmptyFile();
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("[slo-planner]")
        .contains("report: ");

    // Every process and server stopped: no Prometheus child, no server threads of the demo.
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("processes left running")
        .isEmpty();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (demoThreads() > threadsBefore && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(demoThreads()).as("demo threads left running").isLessThanOrEqualTo(threadsBefore);
  }

  /** Live threads of the demo's servers, engines, scrapers and control loop. */
  private static long demoThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("llmscale-"))
        .count();
  }
}
