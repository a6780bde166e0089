package dev.llmscale.core.perf;

/**
 * How far a real serving engine falls short of the GPU's datasheet peaks, as used by {@link
 * RooflinePerformanceModel}. The {@link #DEFAULT} values are fitted to published vLLM / Dynamo
 * figures for 8B-class models on an H100 (see {@code docs/calibration.md}).
 *
 * @param computeEfficiency achieved fraction of peak bf16 FLOP/s in compute-bound steps (0, 1]
 * @param memoryEfficiency achieved fraction of peak HBM bandwidth in memory-bound steps (0, 1]
 * @param stepOverheadSeconds fixed cost of every step: CPU scheduling, input preparation, kernel
 *     launches, sampling. Dominates for tiny models.
 * @param requestOverheadSeconds latency a request sees once, outside all steps (API server,
 *     tokenisation, streaming); see {@link PerformanceModel#requestOverheadSeconds()}
 * @param allReduceLatencySeconds fixed latency of one tensor-parallel all-reduce (two per layer);
 *     unused at tensor-parallel degree 1
 * @param interconnectBytesPerSecond achieved all-reduce bus bandwidth between the GPUs of one
 *     replica (NVLink-class by default; use ~25e9 for PCIe-only machines); unused at degree 1
 */
public record RooflineEfficiency(
    double computeEfficiency,
    double memoryEfficiency,
    double stepOverheadSeconds,
    double requestOverheadSeconds,
    double allReduceLatencySeconds,
    double interconnectBytesPerSecond) {

  /**
   * Fitted defaults: 85 % of peak FLOP/s and of peak bandwidth, 2 ms per step, 7 ms per request.
   */
  public static final RooflineEfficiency DEFAULT =
      new RooflineEfficiency(0.85, 0.85, 2.0e-3, 7.0e-3, 10e-6, 300e9);

  public RooflineEfficiency {
    if (!(computeEfficiency > 0 && computeEfficiency <= 1)
        || !(memoryEfficiency > 0 && memoryEfficiency <= 1)) {
      throw new IllegalArgumentException("efficiencies must be in (0, 1]: " + this);
    }
    if (!(stepOverheadSeconds >= 0)
        || !(requestOverheadSeconds >= 0)
        || !(allReduceLatencySeconds >= 0)
        || !(interconnectBytesPerSecond > 0)) {
      throw new IllegalArgumentException(
          "overheads must be >= 0 and interconnect bandwidth > 0: " + this);
    }
  }
}
