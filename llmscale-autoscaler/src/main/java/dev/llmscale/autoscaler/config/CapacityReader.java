package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.core.policy.LengthMix;
import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceFormat;
import dev.llmscale.core.workload.TraceFormatException;
import dev.llmscale.core.workload.TraceRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code planner.capacity}; the model and GPU are looked up in the catalog. */
final class CapacityReader {
  private static final List<String> FIELDS =
      List.of(
          "model",
          "gpu",
          "performanceModel",
          "profile",
          "tensorParallel",
          "method",
          "requests",
          "seed",
          "mix",
          "engine");
  private static final List<String> SIMULATION_FIELDS = List.of("requests", "seed");
  private static final List<String> ENGINE_FIELDS =
      List.of(
          "maxNumSeqs",
          "maxNumBatchedTokens",
          "blockSize",
          "maxModelLen",
          "gpuMemoryUtilization",
          "enablePrefixCaching",
          "enableChunkedPrefill",
          "longPrefillTokenThreshold");

  private final Catalog catalog;

  CapacityReader(Catalog catalog) {
    this.catalog = catalog;
  }

  CapacitySpec read(ConfigNode capacity) {
    capacity.requirePresent().allowOnly(FIELDS);
    ConfigNode modelNode = capacity.field("model");
    ModelSpec model = modelNode.build(() -> catalog.model(modelNode.name()));
    ConfigNode gpuNode = capacity.field("gpu");
    GpuSpec gpu = gpuNode.build(() -> catalog.gpu(gpuNode.name()));
    String performanceModel = performanceModelKind(capacity.field("performanceModel"));
    Optional<Path> profile = capacity.field("profile").optionalReadableFile();
    int tensorParallel = capacity.field("tensorParallel").integerOr(1);
    CapacitySpec.Method method =
        capacity.has("method")
            ? capacity.field("method").parse(CapacitySpec.Method::parse)
            : CapacitySpec.Method.STEADY_STATE;
    if (method == CapacitySpec.Method.STEADY_STATE) {
      for (String field : SIMULATION_FIELDS) {
        if (capacity.has(field)) {
          throw capacity.field(field).error("only read with method: simulated or mix");
        }
      }
    }
    Optional<LengthMix> mix = mix(capacity.field("mix"), method);
    int requests = capacity.field("requests").integerOr(CapacitySpec.DEFAULT_REQUESTS);
    long seed = capacity.field("seed").integerOr((int) CapacitySpec.DEFAULT_SEED);
    ConfigNode engineNode = capacity.field("engine");
    EngineSettings settings = engine(engineNode);
    EngineConfig engine =
        (engineNode.isPresent() ? engineNode : capacity)
            .build(() -> settings.resolve(model, gpu, tensorParallel));
    CapacitySpec spec =
        capacity.build(
            () ->
                new CapacitySpec(
                    model,
                    gpu,
                    performanceModel,
                    profile,
                    tensorParallel,
                    method,
                    engine,
                    requests,
                    seed,
                    mix));
    // reads a profile now, so that a bad one fails at start
    (profile.isPresent() ? capacity.field("profile") : capacity).build(spec::performance);
    return spec;
  }

  /**
   * {@code mix}: a trace of the service's requests (Azure CSV or Mooncake JSONL, by extension),
   * whose prompt and output lengths the capacity trials draw from.
   */
  private static Optional<LengthMix> mix(ConfigNode node, CapacitySpec.Method method) {
    if (method != CapacitySpec.Method.MIX) {
      if (node.isPresent()) {
        throw node.error("only read with method: mix");
      }
      return Optional.empty();
    }
    Path file =
        node.requirePresent()
            .optionalReadableFile()
            .orElseThrow(() -> node.error("a trace file is required"));
    TraceFormat format =
        TraceFormat.ofFileName(file.getFileName().toString())
            .orElseThrow(
                () -> node.error("expected an Azure .csv or a Mooncake .jsonl trace: " + file));
    Trace trace;
    try {
      trace = Trace.load(file, format);
    } catch (TraceFormatException | IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
    int[] inputs = new int[trace.records().size()];
    int[] outputs = new int[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      TraceRecord record = trace.records().get(i);
      inputs[i] = Math.max(1, record.inputTokens());
      outputs[i] = Math.max(1, record.outputTokens());
    }
    return Optional.of(new LengthMix(inputs, outputs));
  }

  static String performanceModelKind(ConfigNode node) {
    if (!node.isPresent()) {
      return "roofline";
    }
    String kind = node.name();
    if (!PerformanceModels.KINDS.contains(kind)) {
      throw node.error(
          "expected one of "
              + String.join(", ", PerformanceModels.KINDS)
              + ", found "
              + node.shown());
    }
    return kind;
  }

  private static EngineSettings engine(ConfigNode engine) {
    engine.allowOnly(ENGINE_FIELDS);
    EngineSettings settings = new EngineSettings();
    settings.maxNumSeqs = engine.field("maxNumSeqs").integerOr(settings.maxNumSeqs);
    settings.maxNumBatchedTokens =
        engine.field("maxNumBatchedTokens").integerOr(settings.maxNumBatchedTokens);
    settings.blockSize = engine.field("blockSize").integerOr(settings.blockSize);
    settings.maxModelLen = engine.field("maxModelLen").optionalInteger();
    settings.gpuMemoryUtilization =
        engine.field("gpuMemoryUtilization").numberOr(settings.gpuMemoryUtilization);
    settings.prefixCaching = engine.field("enablePrefixCaching").boolOr(settings.prefixCaching);
    settings.chunkedPrefill = engine.field("enableChunkedPrefill").boolOr(settings.chunkedPrefill);
    settings.longPrefillTokenThreshold =
        engine.field("longPrefillTokenThreshold").integerOr(settings.longPrefillTokenThreshold);
    return settings;
  }
}
