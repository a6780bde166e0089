package dev.llmscale.cli;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.CatalogException;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.sizing.MemoryPlan;
import dev.llmscale.core.sizing.Sizing;
import dev.llmscale.core.sizing.SizingException;
import dev.llmscale.core.sizing.SizingRequest;
import dev.llmscale.core.sizing.SizingResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale size}: GPU memory, vLLM flags, replicas, cost and the break-even against a
 * per-token API for a model on a GPU, from the catalogs and the performance model.
 */
@Command(
    name = "size",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Size a fleet: weights and exact KV-cache bytes per token from the catalog, whether the model"
          + " fits, recommended --max-model-len and --max-num-seqs, replicas for a peak"
          + " concurrency or a peak request rate at an SLO, $/hour at peak and idle, and the"
          + " break-even against a per-token API."
    })
public final class SizeCommand implements Callable<Integer> {
  private static final double GIB = 1024.0 * 1024 * 1024;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Catalog model.")
  String model;

  @Option(names = "--gpu", required = true, description = "Catalog GPU.")
  String gpu;

  @Option(
      names = "--tensor-parallel-size",
      defaultValue = "1",
      description = "GPUs per replica (default: ${DEFAULT-VALUE}).")
  int gpus;

  @Option(
      names = "--gpu-memory-utilization",
      defaultValue = "0.9",
      description = "vLLM's memory share (default: ${DEFAULT-VALUE}).")
  double utilization;

  @Option(
      names = "--p95-input",
      defaultValue = "2000",
      description = "p95 prompt tokens (default: ${DEFAULT-VALUE}).")
  int p95Input;

  @Option(
      names = "--p95-output",
      defaultValue = "500",
      description = "p95 output tokens (default: ${DEFAULT-VALUE}).")
  int p95Output;

  @Option(names = "--input", description = "Mean prompt tokens (default: the p95, an upper bound).")
  Double meanInput;

  @Option(names = "--output", description = "Mean output tokens (default: the p95).")
  Double meanOutput;

  @ArgGroup(multiplicity = "1")
  Peak peak;

  /** How the peak is given: concurrent requests or a request rate. */
  static final class Peak {
    @Option(names = "--concurrency", description = "Concurrent requests at peak.")
    Integer concurrency;

    @Option(names = "--rate", description = "Requests per second at peak.")
    Double rate;
  }

  @Option(
      names = "--slo-ttft",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "TTFT target (default: ${DEFAULT-VALUE}).")
  Duration sloTtft;

  @Option(
      names = "--slo-itl",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      description = "ITL target (default: ${DEFAULT-VALUE}).")
  Duration sloItl;

  @Option(
      names = "--slo-quantile",
      defaultValue = "0.99",
      description = "Quantile of both targets (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Mixin PerformanceModelOptions performanceModel;

  @Option(names = "--price", description = "$ per GPU-hour (default: the catalog's).")
  Double price;

  @Option(
      names = "--min-replicas",
      defaultValue = "0",
      description = "Replicas kept at idle (default: ${DEFAULT-VALUE}, scale to zero).")
  int minReplicas;

  @Option(names = "--api-input-price", description = "API $ per million prompt tokens.")
  Double apiInput;

  @Option(names = "--api-output-price", description = "API $ per million output tokens.")
  Double apiOutput;

  @Option(
      names = "--fixed-daily",
      defaultValue = "0",
      description = "Self-hosting $ per day whatever the traffic, e.g. system nodes (default: 0).")
  double fixedDaily;

  @Override
  public Integer call() {
    SizingRequest request = request();
    SizingResult result;
    try {
      result = Sizing.size(request);
    } catch (SizingException e) {
      throw new UsageException(e.getMessage(), e);
    }
    print(spec.commandLine().getOut(), request, result);
    return ExitCodes.OK;
  }

  private SizingRequest request() {
    if ((apiInput == null) != (apiOutput == null)) {
      throw new UsageException("--api-input-price and --api-output-price go together");
    }
    try {
      Catalog catalog = performanceModel.catalog();
      ModelSpec modelSpec = catalog.model(model);
      GpuSpec gpuSpec = catalog.gpu(gpu);
      PerformanceModel performance = performanceModel.create(modelSpec, gpuSpec, gpus);
      return new SizingRequest(
          modelSpec,
          gpuSpec,
          performance,
          gpus,
          utilization,
          p95Input,
          p95Output,
          meanInput != null ? meanInput : p95Input,
          meanOutput != null ? meanOutput : p95Output,
          new SloTargets(sloTtft.toNanos() / 1e9, sloItl.toNanos() / 1e9, quantile),
          peak.concurrency != null ? peak.concurrency : 0,
          peak.rate != null ? peak.rate : 0,
          minReplicas,
          price != null ? price : gpuSpec.dollarsPerHour(),
          apiInput == null ? null : new SizingRequest.ApiPrices(apiInput, apiOutput, fixedDaily));
    } catch (CatalogException | SizingException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  private void print(PrintWriter out, SizingRequest request, SizingResult result) {
    MemoryPlan memory = result.memory();
    out.printf(
        Locale.ROOT,
        "%s on %d x %s (%s)%n%n",
        request.model().name(),
        request.gpus(),
        request.gpu().name(),
        request.performance().describe());
    out.printf(
        Locale.ROOT,
        "memory     weights %.1f GiB of %.1f GiB usable (%.0f %%)%s; KV cache %.1f GiB ="
            + " %,d tokens at %,d bytes per token (%.1f MiB per 1K tokens)%n",
        memory.weightBytes() / GIB,
        memory.usableBytes() / GIB,
        memory.weightShare() * 100,
        memory.weightShare() > 0.7 ? ", above 70 %: the KV cache is tight" : "",
        memory.kvBytes() / GIB,
        memory.kvTokens(),
        memory.kvBytesPerToken(),
        memory.kvBytesPerToken() * 1024 / (1024.0 * 1024));
    out.printf(
        Locale.ROOT,
        "vLLM       --max-model-len %d --max-num-seqs %d --gpu-memory-utilization %.2f"
            + " --tensor-parallel-size %d (%d sequences of the full length fit at once)%n",
        result.limits().maxModelLen(),
        result.limits().maxNumSeqs(),
        request.gpuMemoryUtilization(),
        request.gpus(),
        result.limits().fullLengthSequences());
    out.printf(
        Locale.ROOT,
        "replica    alone: TTFT %.0f ms, ITL %.1f ms; carries %.2f req/s within %s for %.0f / %.0f"
            + " tokens%n",
        result.loneTtftSeconds() * 1e3,
        result.loneItlSeconds() * 1e3,
        result.ratePerReplica(),
        request.slo(),
        request.meanInputTokens(),
        request.meanOutputTokens());
    String basis =
        request.peakConcurrency() > 0
            ? String.format(
                Locale.ROOT,
                "ceil(%d concurrent / %d max-num-seqs)",
                request.peakConcurrency(),
                result.limits().maxNumSeqs())
            : String.format(
                Locale.ROOT,
                "ceil(%.2f req/s / %.2f per replica)",
                request.peakRate(),
                result.ratePerReplica());
    out.printf(
        Locale.ROOT,
        "fleet      %d replicas = %s: $%.2f/hour at peak, $%.2f/hour at idle (%d replicas)%n",
        result.replicas(),
        basis,
        result.dollarsPerHourAtPeak(),
        result.dollarsPerHourAtIdle(),
        request.minReplicas());
    out.printf(
        Locale.ROOT,
        "cost       $%.4f per million tokens, $%.6f per request at a replica's capacity%n",
        result.dollarsPerMillionTokens(),
        result.selfHostedDollarsPerRequest());
    if (request.api() != null && Double.isInfinite(result.breakEvenRequestsPerDay())) {
      out.printf(
          Locale.ROOT,
          "break-even never: a request costs $%.6f self-hosted at capacity, $%.6f through the"
              + " API%n",
          result.selfHostedDollarsPerRequest(),
          result.apiDollarsPerRequest());
    } else if (request.api() != null) {
      out.printf(
          Locale.ROOT,
          "break-even API $%.6f per request: self-hosting is cheaper above %,.0f requests/day"
              + " ($%.2f/day fixed)%n",
          result.apiDollarsPerRequest(),
          result.breakEvenRequestsPerDay(),
          request.api().fixedDailyDollars());
    }
    if (meanInput == null || meanOutput == null) {
      out.println(
          "note       mean lengths not given: sized with the p95 lengths, an upper bound"
              + " (--input, --output)");
    }
    out.flush();
  }
}
