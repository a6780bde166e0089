package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a local target's {@code emulator} block into the options every replica starts with. {@code
 * args} takes {@code llmscale emulator}'s flags by name ({@code max-num-seqs: 128}); the flags that
 * the block or the target set have their own field.
 */
final class EmulatorReader {
  static final String DEFAULT_MODEL = "qwen3-0.6b";
  static final String DEFAULT_GPU = "h100";
  static final String DEFAULT_HOST = "127.0.0.1";

  private static final List<String> FIELDS =
      List.of("model", "gpu", "performanceModel", "profile", "host", "args");
  private static final List<String> ARGS =
      List.of(
          "served-model-name",
          "tensor-parallel-size",
          "gpu-memory-utilization",
          "max-model-len",
          "max-num-seqs",
          "max-num-batched-tokens",
          "block-size",
          "no-enable-prefix-caching",
          "no-enable-chunked-prefill",
          "long-prefill-token-threshold",
          "speed-up",
          "default-output-tokens",
          "io-threads");

  /** Flags set elsewhere in the file, and where. */
  private static final Map<String, String> SET_ELSEWHERE =
      Map.of(
          "model", "emulator.model",
          "gpu", "emulator.gpu",
          "perf-model", "emulator.performanceModel",
          "profile", "emulator.profile",
          "host", "emulator.host",
          "port", "the target (each replica takes a free port)",
          "startup-delay", "local.coldStart",
          "drain-timeout", "local.drainTimeout",
          "catalog", "the autoscaler's catalog, not per target");

  private final Catalog catalog;

  EmulatorReader(Catalog catalog) {
    this.catalog = catalog;
  }

  EmulatorOptions read(ConfigNode emulator, Duration coldStart, Duration drainTimeout) {
    emulator.allowOnly(FIELDS);
    ConfigNode modelNode = emulator.field("model");
    ModelSpec model = modelNode.build(() -> catalog.model(modelNode.textOr(DEFAULT_MODEL)));
    ConfigNode gpuNode = emulator.field("gpu");
    GpuSpec gpu = gpuNode.build(() -> catalog.gpu(gpuNode.textOr(DEFAULT_GPU)));
    String performanceKind =
        CapacityReader.performanceModelKind(emulator.field("performanceModel"));
    Optional<Path> profile = emulator.field("profile").optionalReadableFile();
    if (performanceKind.equals("profile") != profile.isPresent()) {
      throw (profile.isPresent() ? emulator.field("profile") : emulator.field("performanceModel"))
          .error(
              profile.isPresent()
                  ? "only read with performanceModel: profile"
                  : "performanceModel: profile needs a profile file (emulator.profile)");
    }
    String host = emulator.field("host").textOr(DEFAULT_HOST);

    ConfigNode args = emulator.field("args");
    EngineSettings engine = new EngineSettings();
    int tensorParallel = 1;
    String servedModelName = model.name();
    double speedUp = 1;
    int defaultOutputTokens = EmulatorOptions.DEFAULT_OUTPUT_TOKENS;
    // replicas on one machine share its cores
    int ioThreads = 1;
    for (Map.Entry<String, ConfigNode> arg : args.fields().entrySet()) {
      String flag = arg.getKey().startsWith("--") ? arg.getKey().substring(2) : arg.getKey();
      ConfigNode value = arg.getValue();
      if (SET_ELSEWHERE.containsKey(flag)) {
        throw value.error("set by " + SET_ELSEWHERE.get(flag) + ", not by an argument");
      }
      switch (flag) {
        case "served-model-name" -> servedModelName = value.name();
        case "tensor-parallel-size" -> tensorParallel = value.integer();
        case "gpu-memory-utilization" -> engine.gpuMemoryUtilization = value.number();
        case "max-model-len" -> engine.maxModelLen = value.optionalInteger();
        case "max-num-seqs" -> engine.maxNumSeqs = value.integer();
        case "max-num-batched-tokens" -> engine.maxNumBatchedTokens = value.integer();
        case "block-size" -> engine.blockSize = value.integer();
        case "no-enable-prefix-caching" -> engine.prefixCaching = !value.bool();
        case "no-enable-chunked-prefill" -> engine.chunkedPrefill = !value.bool();
        case "long-prefill-token-threshold" -> engine.longPrefillTokenThreshold = value.integer();
        case "speed-up" -> speedUp = value.number();
        case "default-output-tokens" -> defaultOutputTokens = value.integer();
        case "io-threads" -> ioThreads = value.integer();
        default -> throw value.unknownField(ARGS);
      }
    }
    int tp = tensorParallel;
    ConfigNode where = args.isPresent() ? args : emulator;
    EngineConfig engineConfig = where.build(() -> engine.resolve(model, gpu, tp));
    PerformanceModel performance =
        where.build(
            () -> PerformanceModels.create(performanceKind, model, gpu, profile.orElse(null), tp));
    String served = servedModelName;
    double speed = speedUp;
    int outputTokens = defaultOutputTokens;
    int threads = ioThreads;
    return where.build(
        () ->
            EmulatorOptions.builder(model, gpu, performance)
                .host(host)
                .port(0)
                .servedModelName(served)
                .engineConfig(engineConfig)
                .startupDelay(coldStart)
                .drainTimeout(drainTimeout)
                .speedUp(speed)
                .defaultOutputTokens(outputTokens)
                .ioThreads(threads)
                .tokenizerThreads(1)
                .build());
  }
}
