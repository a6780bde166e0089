package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.core.perf.ProfiledPerformanceModel;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmscale loadgen} and {@code llmscale profile} against an in-process emulator. */
class LoadgenCommandIT {
  private static EmulatorServer server;

  @BeforeAll
  static void startEmulator() throws Exception {
    Catalog catalog = Catalog.builtIn();
    ModelSpec model = catalog.model("qwen3-0.6b");
    GpuSpec gpu = catalog.gpu("h100");
    server =
        EmulatorServer.start(
            EmulatorOptions.builder(
                    model, gpu, PerformanceModels.create("roofline", model, gpu, null))
                .host("127.0.0.1")
                .port(0)
                .ioThreads(1)
                .tokenizerThreads(1)
                .build());
  }

  @AfterAll
  static void stopEmulator() {
    server.close();
  }

  @Test
  void loadgenWritesTheSummaryAndArtifacts(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "loadgen",
            "--url",
            server.baseUri().toString(),
            "--isl",
            "3000",
            "--osl",
            "250",
            "--rate",
            "8",
            "--count",
            "12",
            "--streaming",
            "--slo-ttft",
            "2s",
            "--progress",
            "lines",
            "--artifact-dir",
            dir.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("llmscale loadgen: " + server.baseUri() + " chat, streaming (Qwen/Qwen3-0.6B)")
        .contains("time to first token (ms)")
        .contains("12 sent, 12 ok, 0 errors")
        .contains("goodput (req/s)")
        .contains("artifacts: " + dir);
    assertThat(err.toString()).contains("done 12/12");
    // One line as the run starts, the last as it ends (every 5 s in between, off a terminal).
    assertThat(err.toString().lines().filter(l -> l.startsWith("loadgen ")).count())
        .isGreaterThanOrEqualTo(2);
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.at("/tokens/output").asLong()).isEqualTo(12 * 250);
    assertThat(summary.at("/settings/model").asText()).isEqualTo("Qwen/Qwen3-0.6B");
    assertThat(Files.readAllLines(dir.resolve("records.jsonl"))).hasSize(12);
    assertThat(dir.resolve("summary.csv")).exists();
    assertThat(dir.resolve("timeline.png")).exists();
  }

  @Test
  void profileWritesAFileTheEmulatorCanLoad(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path file = dir.resolve("qwen.profile");

    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "profile",
            "--url",
            server.baseUri().toString(),
            "--output",
            file.toString(),
            "--prefill-tokens",
            "16,512,2048",
            "--repeats",
            "1",
            "--contexts",
            "512",
            "--batches",
            "1,4",
            "--decode-tokens",
            "24",
            "--gpu",
            "h100 (emulated)");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote " + file).contains("tokens/s");
    ProfiledPerformanceModel model = ProfiledPerformanceModel.load(file);
    assertThat(model.table().prefill()).hasSize(3);
    assertThat(model.table().decode()).hasSize(2);
    assertThat(model.table().gpu()).contains("h100 (emulated)");
    assertThat(model.table().model()).contains("Qwen/Qwen3-0.6B");
  }
}
