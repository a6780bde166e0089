package dev.llmscale.gateway;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import java.time.Duration;

/** Emulated vLLM replicas on loopback for gateway tests: a small model, a predictable engine. */
final class Replicas {
  static final String MODEL = "test-model";
  static final int MAX_MODEL_LEN = 4096;

  static final ModelSpec SPEC =
      new ModelSpec("qwen3-0.6b", "Qwen/Qwen3-0.6B", 600_000_000L, 28, 1024, 16, 8, 128, 2, 40960);
  static final GpuSpec GPU =
      new GpuSpec("h100", "NVIDIA H100 80GB SXM", 80L << 30, 3.35e12, 989e12, 4.0);

  private Replicas() {}

  static EmulatorOptions.Builder options(PerformanceModel performance) {
    return EmulatorOptions.builder(SPEC, GPU, performance)
        .host("127.0.0.1")
        .port(0)
        .servedModelName(MODEL)
        .engineConfig(EngineConfig.defaults(MAX_MODEL_LEN, 4096))
        .drainTimeout(Duration.ofSeconds(20))
        .ioThreads(1)
        .tokenizerThreads(1);
  }

  /** A replica whose steps take {@code stepSeconds}, so a token comes every step. */
  static EmulatorServer start(double stepSeconds) throws InterruptedException {
    return EmulatorServer.start(options(LinearPerformanceModel.fixed(stepSeconds)).build());
  }

  /** Gateway options for tests: fast health checks and scrapes, loopback, any free port. */
  static GatewayOptions.Builder gateway() {
    return GatewayOptions.builder()
        .host("127.0.0.1")
        .port(0)
        .healthInterval(Duration.ofMillis(100))
        .healthTimeout(Duration.ofSeconds(1))
        .scrapeInterval(Duration.ofMillis(100))
        .unhealthyThreshold(1)
        .ioThreads(2)
        .tokenizerThreads(1);
  }
}
