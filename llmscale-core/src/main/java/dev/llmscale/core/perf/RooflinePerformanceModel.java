package dev.llmscale.core.perf;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import java.util.Locale;

/**
 * Step time from first principles, for any catalog model on any catalog GPU: a step reads all
 * weights once and the KV cache of every decoding sequence, and does {@code 2·parameters} FLOPs per
 * token plus attention; it takes as long as the slower of the two at the achieved (not peak) rates,
 * plus a fixed per-step overhead:
 *
 * <pre>
 * step    = overhead + max(compute, memory) + allReduce
 * compute = (2·P·tokens + 4·layers·heads·headDim·(prefillAttention + contextTokens))
 *           / (tp · peakFlops · computeEfficiency)
 * memory  = (weightBytes/tp + kvBytesPerToken/tpKv · (contextTokens + tokens))
 *           / (hbmBandwidth · memoryEfficiency)
 * tokens  = prefillTokens + decodeSequences
 * </pre>
 *
 * where {@code 4·layers·heads·headDim} FLOPs per token pair is QKᵀ plus attention·V. With tensor
 * parallelism of degree {@code tp} each GPU holds {@code 1/tp} of the weights and FLOPs; KV heads
 * split across at most {@code kvHeads} GPUs ({@code tpKv = min(tp, kvHeads)}), and each layer adds
 * two ring all-reduces of the step's activations. Decode is memory-bound and prefill compute-bound,
 * so one formula covers both and every chunked-prefill mix in between.
 *
 * <p>Not modelled: KV reads of earlier chunks during chunked prefill, activation traffic, quantised
 * weights or KV cache (use {@code dtypeBytes} in the catalog), speculative decoding, and CPU-bound
 * serving (very small models at high request rates, where the API server rather than the GPU limits
 * throughput; see {@code docs/calibration.md}). Use a measured profile there.
 */
public final class RooflinePerformanceModel implements PerformanceModel {

  private final ModelSpec model;
  private final GpuSpec gpu;
  private final RooflineEfficiency efficiency;
  private final int tensorParallel;

  /** One GPU per replica, {@link RooflineEfficiency#DEFAULT} efficiencies. */
  public RooflinePerformanceModel(ModelSpec model, GpuSpec gpu) {
    this(model, gpu, RooflineEfficiency.DEFAULT, 1);
  }

  /**
   * @param tensorParallel GPUs one replica spreads the model over (vLLM's {@code
   *     --tensor-parallel-size}), {@code >= 1}
   */
  public RooflinePerformanceModel(
      ModelSpec model, GpuSpec gpu, RooflineEfficiency efficiency, int tensorParallel) {
    if (tensorParallel < 1) {
      throw new IllegalArgumentException("tensor parallel degree must be >= 1: " + tensorParallel);
    }
    this.model = model;
    this.gpu = gpu;
    this.efficiency = efficiency;
    this.tensorParallel = tensorParallel;
  }

  @Override
  public double stepSeconds(StepShape step) {
    if (step.isEmpty()) {
      return 0.0;
    }
    return efficiency.stepOverheadSeconds()
        + Math.max(computeSeconds(step), memorySeconds(step))
        + allReduceSeconds(step);
  }

  @Override
  public double requestOverheadSeconds() {
    return efficiency.requestOverheadSeconds();
  }

  /** Time the step's FLOPs take at the achieved FLOP rate, ignoring memory. */
  public double computeSeconds(StepShape step) {
    double tokens = tokens(step);
    double attentionPairs = step.prefillAttention() + step.contextTokens();
    double flops =
        2.0 * model.parameters() * tokens
            + 4.0 * model.layers() * model.attentionHeads() * model.headDim() * attentionPairs;
    return flops / (tensorParallel * gpu.bf16Flops() * efficiency.computeEfficiency());
  }

  /** Time the step's HBM traffic takes at the achieved bandwidth, ignoring FLOPs. */
  public double memorySeconds(StepShape step) {
    double kvBytesPerTokenPerGpu =
        (double) model.kvBytesPerToken() / Math.min(tensorParallel, model.kvHeads());
    double bytes =
        (double) model.weightBytes() / tensorParallel
            + kvBytesPerTokenPerGpu * (step.contextTokens() + tokens(step));
    return bytes / (gpu.hbmBytesPerSecond() * efficiency.memoryEfficiency());
  }

  /** Two ring all-reduces of {@code tokens × hidden} activations per layer; 0 without TP. */
  private double allReduceSeconds(StepShape step) {
    if (tensorParallel == 1) {
      return 0.0;
    }
    double activationBytes = tokens(step) * model.hiddenSize() * (double) model.dtypeBytes();
    double ringFactor = 2.0 * (tensorParallel - 1) / tensorParallel;
    double oneAllReduce =
        efficiency.allReduceLatencySeconds()
            + ringFactor * activationBytes / efficiency.interconnectBytesPerSecond();
    return 2.0 * model.layers() * oneAllReduce;
  }

  private static double tokens(StepShape step) {
    return (double) step.prefillTokens() + step.decodeSequences();
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "roofline %s on %s x%d (compute %.2f, memory %.2f of peak; step overhead %.2f ms,"
            + " request overhead %.2f ms)",
        model.id(),
        gpu.id(),
        tensorParallel,
        efficiency.computeEfficiency(),
        efficiency.memoryEfficiency(),
        efficiency.stepOverheadSeconds() * 1e3,
        efficiency.requestOverheadSeconds() * 1e3);
  }
}
