package dev.llmscale.emulator;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;

/** Emulator options for loopback tests: ephemeral port, a small model, a predictable engine. */
public final class TestServers {
  public static final String MODEL = "test-model";
  public static final int MAX_MODEL_LEN = 4096;

  public static final ModelSpec SPEC =
      new ModelSpec("qwen3-0.6b", "Qwen/Qwen3-0.6B", 600_000_000L, 28, 1024, 16, 8, 128, 2, 40960);
  public static final GpuSpec GPU =
      new GpuSpec("h100", "NVIDIA H100 80GB SXM", 80L << 30, 3.35e12, 989e12, 4.0);

  private TestServers() {}

  public static EmulatorOptions.Builder options(PerformanceModel performance) {
    return EmulatorOptions.builder(SPEC, GPU, performance)
        .host("127.0.0.1")
        .port(0)
        .servedModelName(MODEL)
        .engineConfig(EngineConfig.defaults(MAX_MODEL_LEN, 4096))
        .ioThreads(2)
        .tokenizerThreads(1);
  }
}
