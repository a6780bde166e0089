package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.ProfileTable;
import dev.llmscale.core.perf.ProfiledPerformanceModel;
import dev.llmscale.core.perf.StepShape;
import dev.llmscale.emulator.EmulatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiler's round trip: profile an emulator, write the profile file, load it as a {@link
 * ProfiledPerformanceModel}, and check that its predictions agree with the emulator's own
 * performance model within 10 %, at the measured points and between them.
 *
 * <p>What is compared: TTFT at concurrency 1 as the profile model predicts it ({@code ttftMillis},
 * request overhead included) against the emulator's {@code requestOverheadSeconds() +
 * stepSeconds(prefill N)}, and decode ITL ({@code itlMillis(B, K)}) against {@code
 * stepSeconds(decode B at K context)}, all in wall time. The measured TTFT also carries the real
 * latency between client and engine (HTTP, tokenisation, hand-offs: about a millisecond, more on a
 * busy machine), which the profile puts into {@code request_overhead_ms}, as it would for a real
 * engine. The emulator runs at a quarter of the model's speed so that this stays a small share of
 * the TTFTs compared. The prefill step times the profile model derives ({@code stepSeconds}, TTFT
 * less request overhead: what the simulator schedules) do not carry it at all: it cancels out.
 */
class ProfileRoundTripIT {
  private static final double SPEED_UP = 0.25;

  @TempDir Path dir;

  @Test
  void profilingTheEmulatorReproducesItsPerformanceModel() throws Exception {
    PerformanceModel truth = TestEmulators.roofline("llama-3.1-8b", "h100");
    StringWriter log = new StringWriter();
    ProfileTable table;
    try (EmulatorServer server = TestEmulators.start("llama-3.1-8b", "h100", truth, SPEED_UP)) {
      Profiler profiler =
          new Profiler(
              TestEmulators.endpoint(
                  server.baseUri(), ApiKind.COMPLETIONS, true, "meta-llama/Llama-3.1-8B-Instruct"),
              1,
              "cl100k_base",
              System.nanoTime(),
              new PrintWriter(log, true));
      Profiler.Result result =
          profiler.run(
              new Profiler.Sweep(
                  List.of(16, 256, 1024, 2048, 4096), 3, List.of(512, 2048), List.of(1, 4, 16), 32),
              Map.of("model", "llama-3.1-8b", "gpu", "h100"));
      table = result.table();
    }
    System.out.println(log);
    Path file = dir.resolve("llama-8b-h100.profile");
    Files.writeString(file, table.toText());
    ProfiledPerformanceModel profile = ProfiledPerformanceModel.load(file);
    System.out.println(Files.readString(file));

    assertThat(profile.table()).isEqualTo(table);
    assertThat(table.prefill()).hasSize(5);
    assertThat(table.decode()).hasSize(6);
    assertThat(table.requestOverheadMs()).isPresent();
    for (int tokens : new int[] {16, 256, 512, 1024, 1536, 2048, 3000, 4096}) {
      double expected =
          (truth.requestOverheadSeconds() + truth.stepSeconds(StepShape.prefill(tokens)))
              * 1e3
              / SPEED_UP;
      assertThat(profile.ttftMillis(tokens))
          .as("TTFT of %d tokens: profile vs emulator model %.2f ms", tokens, expected)
          .isBetween(0.9 * expected, 1.1 * expected);
      double expectedStep = truth.stepSeconds(StepShape.prefill(tokens)) / SPEED_UP;
      assertThat(profile.stepSeconds(StepShape.prefill(tokens)))
          .as("prefill step of %d tokens: vs emulator model %.5f s", tokens, expectedStep)
          .isBetween(0.9 * expectedStep, 1.1 * expectedStep);
    }
    for (int[] point :
        new int[][] {{1, 512}, {4, 2048}, {16, 512}, {2, 1024}, {8, 1024}, {12, 2048}}) {
      double expected = truth.stepSeconds(StepShape.decode(point[0], point[1])) * 1e3 / SPEED_UP;
      assertThat(profile.itlMillis(point[0], point[1]))
          .as(
              "ITL at batch %d, context %d: vs emulator model %.2f ms",
              point[0], point[1], expected)
          .isBetween(0.9 * expected, 1.1 * expected);
    }
  }
}
