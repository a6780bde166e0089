package dev.llmscale.core.sizing;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.policy.SloTargets;

/**
 * What to size: a model on a GPU for a workload, an SLO and prices.
 *
 * @param model the served model
 * @param gpu the GPU type
 * @param performance step timing of the model on {@code gpus} of that GPU
 * @param gpus GPUs per replica (tensor-parallel degree)
 * @param gpuMemoryUtilization vLLM's {@code --gpu-memory-utilization}
 * @param p95InputTokens p95 prompt length, for {@code max-model-len} and {@code max-num-seqs}
 * @param p95OutputTokens p95 output length
 * @param meanInputTokens mean prompt length, for throughput
 * @param meanOutputTokens mean output length
 * @param slo the latency targets a replica's capacity is measured at
 * @param peakConcurrency concurrent requests at peak, or 0 to size by {@code peakRate}
 * @param peakRate requests per second at peak, or 0 to size by {@code peakConcurrency}
 * @param minReplicas replicas kept at idle (0: scale to zero)
 * @param dollarsPerGpuHour price of one GPU for an hour
 * @param api per-token API prices to break even against, or null
 */
public record SizingRequest(
    ModelSpec model,
    GpuSpec gpu,
    PerformanceModel performance,
    int gpus,
    double gpuMemoryUtilization,
    int p95InputTokens,
    int p95OutputTokens,
    double meanInputTokens,
    double meanOutputTokens,
    SloTargets slo,
    int peakConcurrency,
    double peakRate,
    int minReplicas,
    double dollarsPerGpuHour,
    ApiPrices api) {

  /**
   * A per-token API to compare with.
   *
   * @param inputPerMillion dollars per million prompt tokens
   * @param outputPerMillion dollars per million output tokens
   * @param fixedDailyDollars what self-hosting costs per day whatever the traffic (system nodes,
   *     always-on GPUs)
   */
  public record ApiPrices(
      double inputPerMillion, double outputPerMillion, double fixedDailyDollars) {
    public ApiPrices {
      if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0) || !(fixedDailyDollars >= 0)) {
        throw new SizingException("API prices and the fixed daily cost must be >= 0");
      }
    }
  }

  public SizingRequest {
    if (model == null || gpu == null || performance == null || slo == null) {
      throw new SizingException("model, GPU, performance model and SLO are required");
    }
    if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
      throw new SizingException(
          "gpu memory utilization must be in (0, 1]: " + gpuMemoryUtilization);
    }
    if (!(meanInputTokens >= 1) || !(meanOutputTokens >= 1)) {
      throw new SizingException("mean prompt and output tokens must be >= 1");
    }
    if (peakConcurrency < 0 || !(peakRate >= 0) || (peakConcurrency > 0) == (peakRate > 0)) {
      throw new SizingException("say either a peak concurrency or a peak request rate");
    }
    if (minReplicas < 0) {
      throw new SizingException("min replicas must be >= 0: " + minReplicas);
    }
    if (!(dollarsPerGpuHour >= 0)) {
      throw new SizingException("the GPU price must be >= 0: " + dollarsPerGpuHour);
    }
  }
}
