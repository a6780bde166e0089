package dev.llmscale.core.sizing;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.StepShape;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.core.policy.SteadyStateCapacity;
import java.util.Locale;

/**
 * Sizes a fleet the way a careful engineer would by hand, with the catalogs' exact numbers and the
 * performance model instead of rules of thumb: memory first ({@link MemoryPlan}), then the engine's
 * flags ({@link EngineLimits}), then what one replica carries within the SLO (the planner's {@link
 * SteadyStateCapacity} on those flags), then replicas for the peak, then cost and the break-even
 * against a per-token API ({@link BreakEven}).
 *
 * <p>Replicas for a peak concurrency are {@code ceil(concurrency / max-num-seqs)}; for a peak rate
 * {@code ceil(rate / capacity at the SLO)}.
 */
public final class Sizing {
  private Sizing() {}

  /**
   * @throws SizingException if the model does not fit, the p95 request does not fit, or no replica
   *     meets the SLO for the mean request even alone
   */
  public static SizingResult size(SizingRequest request) {
    MemoryPlan memory =
        MemoryPlan.of(
            request.model(),
            request.gpu(),
            request.gpus(),
            request.gpuMemoryUtilization(),
            EngineConfig.DEFAULT_BLOCK_SIZE);
    EngineLimits limits =
        EngineLimits.recommend(
            memory,
            request.model().maxContext(),
            request.p95InputTokens(),
            request.p95OutputTokens());
    EngineConfig engine =
        EngineConfig.defaults(limits.maxModelLen(), memory.kvBlocks())
            .withMaxNumSeqs(limits.maxNumSeqs());

    double in = request.meanInputTokens();
    double out = request.meanOutputTokens();
    double loneTtft =
        request.performance().requestOverheadSeconds()
            + request.performance().stepSeconds(StepShape.prefill((int) Math.round(in)));
    double loneItl =
        request.performance().stepSeconds(StepShape.decode(1, Math.round(in + out / 2)));
    double perReplica =
        new SteadyStateCapacity(request.performance(), engine, request.slo())
            .maxRatePerReplica(PoolRole.AGGREGATED, new LoadShape(in, out));
    if (!(perReplica > 0)) {
      throw new SizingException(
          String.format(
              Locale.ROOT,
              "%s is out of reach for %s on %d x %s: a lone request of %.0f prompt tokens takes"
                  + " %.3f s to its first token and decodes at %.1f ms per token; use a faster GPU,"
                  + " more GPUs per replica or a smaller model",
              request.slo(),
              request.model().id(),
              request.gpus(),
              request.gpu().id(),
              in,
              loneTtft,
              loneItl * 1e3));
    }

    int replicas =
        request.peakConcurrency() > 0
            ? ceilDiv(request.peakConcurrency(), limits.maxNumSeqs())
            : (int) Math.ceil(request.peakRate() / perReplica - 1e-9);
    double replicaPerHour = request.gpus() * request.dollarsPerGpuHour();
    double tokensPerSecond = perReplica * (in + out);
    double selfPerRequest =
        BreakEven.selfHostedCostPerRequest(in, out, replicaPerHour, tokensPerSecond);
    double apiPerRequest = Double.NaN;
    double breakEven = Double.NaN;
    if (request.api() != null) {
      SizingRequest.ApiPrices api = request.api();
      apiPerRequest =
          BreakEven.apiCostPerRequest(in, out, api.inputPerMillion(), api.outputPerMillion());
      breakEven = BreakEven.requestsPerDay(api.fixedDailyDollars(), apiPerRequest, selfPerRequest);
    }
    return new SizingResult(
        memory,
        limits,
        loneTtft,
        loneItl,
        perReplica,
        replicas,
        replicas * replicaPerHour,
        request.minReplicas() * replicaPerHour,
        replicaPerHour / (tokensPerSecond * 3600) * 1e6,
        apiPerRequest,
        selfPerRequest,
        breakEven);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
