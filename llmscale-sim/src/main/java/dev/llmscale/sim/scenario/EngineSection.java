package dev.llmscale.sim.scenario;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.CatalogException;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.core.perf.RooflineEfficiency;
import dev.llmscale.core.perf.RooflinePerformanceModel;
import dev.llmscale.sim.fleet.PerSequenceOverhead;
import dev.llmscale.sim.fleet.ReplicaSpec;
import java.nio.file.Path;

/**
 * Reads {@code model}, {@code gpu} and {@code engine}: the catalog entries, the engine's limits as
 * vLLM names them, and the performance model.
 */
final class EngineSection {
  private EngineSection() {}

  /** What the engine section resolves to. */
  record Result(ModelSpec model, GpuSpec gpu, ReplicaSpec replica) {}

  static Result read(ScenarioNode root, Catalog catalog, Path baseDir) {
    ModelSpec model = model(root.field("model"), catalog);
    GpuSpec gpu = gpu(root.field("gpu"), catalog);
    ScenarioNode engine =
        root.field("engine")
            .allowOnly(
                "performanceModel",
                "profile",
                "roofline",
                "perSequenceOverhead",
                "gpusPerReplica",
                "maxNumSeqs",
                "maxNumBatchedTokens",
                "blockSize",
                "maxModelLen",
                "gpuMemoryUtilization",
                "prefixCaching",
                "chunkedPrefill",
                "longPrefillTokenThreshold");
    int gpus = engine.field("gpusPerReplica").integerOr(1);
    int blockSize = engine.field("blockSize").integerOr(EngineConfig.DEFAULT_BLOCK_SIZE);
    double utilization = engine.field("gpuMemoryUtilization").numberOr(0.9);
    int blocks;
    try {
      blocks =
          KvCapacity.blocks(
              model, gpu, gpus, utilization, blockSize, KvCapacity.DEFAULT_RESERVED_BYTES);
    } catch (IllegalArgumentException e) {
      throw engine.field("gpuMemoryUtilization").error(e);
    }
    long kvTokens = (long) blocks * blockSize;
    int maxModelLen =
        engine.field("maxModelLen").integerOr((int) Math.min(model.maxContext(), kvTokens));
    EngineConfig config;
    try {
      config =
          new EngineConfig(
              engine.field("maxNumSeqs").integerOr(EngineConfig.DEFAULT_MAX_NUM_SEQS),
              engine
                  .field("maxNumBatchedTokens")
                  .integerOr(EngineConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS),
              blockSize,
              maxModelLen,
              blocks,
              engine.field("prefixCaching").boolOr(true),
              engine.field("chunkedPrefill").boolOr(true),
              engine.field("longPrefillTokenThreshold").integerOr(0));
    } catch (IllegalArgumentException e) {
      throw engine.error(e);
    }
    PerformanceModel performance = performance(engine, model, gpu, gpus, baseDir);
    double perSequence = engine.field("perSequenceOverhead").nanosOr(0) / 1e9;
    if (perSequence > 0) {
      performance = new PerSequenceOverhead(performance, perSequence);
    }
    try {
      return new Result(model, gpu, new ReplicaSpec(config, performance, gpus));
    } catch (IllegalArgumentException e) {
      throw engine.field("gpusPerReplica").error(e);
    }
  }

  private static PerformanceModel performance(
      ScenarioNode engine, ModelSpec model, GpuSpec gpu, int gpus, Path baseDir) {
    ScenarioNode kindNode = engine.field("performanceModel");
    String kind = kindNode.choice("roofline", "roofline", "polynomial", "profile");
    ScenarioNode roofline =
        engine
            .field("roofline")
            .allowOnly(
                "computeEfficiency",
                "memoryEfficiency",
                "stepOverhead",
                "requestOverhead",
                "allReduceLatency",
                "interconnectBytesPerSecond");
    if (roofline.isPresent() && !kind.equals("roofline")) {
      throw roofline.error("applies only to performanceModel: roofline");
    }
    if (kind.equals("roofline") && roofline.isPresent()) {
      RooflineEfficiency d = RooflineEfficiency.DEFAULT;
      try {
        RooflineEfficiency efficiency =
            new RooflineEfficiency(
                roofline.field("computeEfficiency").numberOr(d.computeEfficiency()),
                roofline.field("memoryEfficiency").numberOr(d.memoryEfficiency()),
                roofline.field("stepOverhead").nanosOr(nanos(d.stepOverheadSeconds())) / 1e9,
                roofline.field("requestOverhead").nanosOr(nanos(d.requestOverheadSeconds())) / 1e9,
                roofline.field("allReduceLatency").nanosOr(nanos(d.allReduceLatencySeconds()))
                    / 1e9,
                roofline
                    .field("interconnectBytesPerSecond")
                    .numberOr(d.interconnectBytesPerSecond()));
        return new RooflinePerformanceModel(model, gpu, efficiency, gpus);
      } catch (IllegalArgumentException e) {
        throw roofline.error(e);
      }
    }
    ScenarioNode profile = engine.field("profile");
    if (profile.isPresent() && !kind.equals("profile")) {
      throw profile.error("applies only to performanceModel: profile");
    }
    Path file = profile.isPresent() ? baseDir.resolve(profile.text()) : null;
    try {
      return PerformanceModels.create(kind, model, gpu, file, gpus);
    } catch (RuntimeException e) {
      throw (kind.equals("profile") ? profile : kindNode).error(e.getMessage());
    }
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  private static ModelSpec model(ScenarioNode node, Catalog catalog) {
    String name = node.text();
    try {
      return catalog.model(name);
    } catch (CatalogException e) {
      throw node.error(e.getMessage());
    }
  }

  private static GpuSpec gpu(ScenarioNode node, Catalog catalog) {
    String name = node.text();
    try {
      return catalog.gpu(name);
    } catch (CatalogException e) {
      throw node.error(e.getMessage());
    }
  }
}
