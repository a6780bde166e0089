package dev.llmscale.cli;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.CatalogException;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.ProfileFormatException;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmscale emulator}: a live vLLM-like engine on loopback, timed by a performance model.
 * Flags follow vLLM's names so a command line carries over.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve an OpenAI-compatible API that behaves like one vLLM engine replica (continuous"
          + " batching, paged KV cache, prefix caching, chunked prefill, vLLM metrics), timed by a"
          + " performance model instead of a GPU.",
      "Stops on SIGTERM or Ctrl-C after draining: new requests are refused, running streams"
          + " finish."
    })
public final class EmulatorCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "qwen3-0.6b",
      description = "Catalog model (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--gpu",
      defaultValue = "h100",
      description = "Catalog GPU (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8000",
      description = "Port to bind, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--served-model-name",
      description = "Name clients send as 'model' (default: the model's published name).")
  String servedModelName;

  @Mixin PerformanceModelOptions performanceModel;

  @Option(
      names = "--tensor-parallel-size",
      defaultValue = "1",
      description = "GPUs per replica (default: ${DEFAULT-VALUE}).")
  int tensorParallel;

  @Option(
      names = "--gpu-memory-utilization",
      defaultValue = "0.9",
      description = "Share of GPU memory for weights and KV cache (default: ${DEFAULT-VALUE}).")
  double gpuMemoryUtilization;

  @Option(
      names = "--max-model-len",
      description =
          "Longest prompt + output (default: the model's context, capped by the KV cache).")
  Integer maxModelLen;

  @Option(
      names = "--max-num-seqs",
      defaultValue = "256",
      description = "Most sequences per step (default: ${DEFAULT-VALUE}).")
  int maxNumSeqs;

  @Option(
      names = "--max-num-batched-tokens",
      defaultValue = "8192",
      description = "Token budget per step (default: ${DEFAULT-VALUE}).")
  int maxNumBatchedTokens;

  @Option(
      names = "--block-size",
      defaultValue = "16",
      description = "Tokens per KV block (default: ${DEFAULT-VALUE}).")
  int blockSize;

  @Option(names = "--no-enable-prefix-caching", description = "Turn prefix caching off.")
  boolean noPrefixCaching;

  @Option(names = "--no-enable-chunked-prefill", description = "Turn chunked prefill off.")
  boolean noChunkedPrefill;

  @Option(
      names = "--long-prefill-token-threshold",
      defaultValue = "0",
      description = "Cap on one prompt's chunk per step, 0 for none (default: ${DEFAULT-VALUE}).")
  int longPrefillTokenThreshold;

  @Option(
      names = "--startup-delay",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Emulated model-load time; /health is 503 until it passes (default: ${DEFAULT-VALUE}).")
  Duration startupDelay;

  @Option(
      names = "--speed-up",
      defaultValue = "1",
      description =
          "Run the engine this many times faster than the model says (default: ${DEFAULT-VALUE}).")
  double speedUp;

  @Option(
      names = "--default-output-tokens",
      defaultValue = "256",
      description = "Output length when a request sets no max_tokens (default: ${DEFAULT-VALUE}).")
  int defaultOutputTokens;

  @Option(
      names = "--drain-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long a drain lets streams finish (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--io-threads",
      description = "Netty event loops writing the streams (default: one per CPU core).")
  Integer ioThreads;

  @Override
  public Integer call() throws Exception {
    EmulatorOptions options = options();
    PrintWriter out = spec.commandLine().getOut();
    EmulatorServer server = EmulatorServer.start(options);
    server.installShutdownHook();
    EngineConfig engine = options.engineConfig();
    out.printf(
        Locale.ROOT,
        "llmscale emulator: serving %s on http://%s:%d/v1 (%s on %s; KV cache %,d tokens,"
            + " max_model_len %,d, max_num_seqs %d)%n",
        options.servedModelName(),
        host,
        server.port(),
        options.model().id(),
        options.gpu().id(),
        engine.kvTokens(),
        engine.maxModelLen(),
        engine.maxNumSeqs());
    out.printf("llmscale emulator: %s%n", options.performanceModel().describe());
    if (!startupDelay.isZero()) {
      out.printf(Locale.ROOT, "llmscale emulator: loading the model for %s%n", startupDelay);
    }
    out.flush();
    server.awaitTermination();
    return ExitCodes.OK;
  }

  /** Resolves names and flags into validated options; bad input raises a one-line usage error. */
  EmulatorOptions options() {
    try {
      Catalog catalog = performanceModel.catalog();
      ModelSpec modelSpec = catalog.model(model);
      GpuSpec gpuSpec = catalog.gpu(gpu);
      PerformanceModel performance = performanceModel.create(modelSpec, gpuSpec, tensorParallel);
      int blocks =
          KvCapacity.blocks(
              modelSpec,
              gpuSpec,
              tensorParallel,
              gpuMemoryUtilization,
              blockSize,
              KvCapacity.DEFAULT_RESERVED_BYTES);
      long kvTokens = (long) blocks * blockSize;
      int contextLength =
          maxModelLen != null ? maxModelLen : (int) Math.min(modelSpec.maxContext(), kvTokens);
      if (contextLength > modelSpec.maxContext()) {
        throw new UsageException(
            "--max-model-len "
                + contextLength
                + " exceeds "
                + modelSpec.id()
                + "'s context of "
                + modelSpec.maxContext()
                + " tokens");
      }
      EngineConfig engine =
          new EngineConfig(
              maxNumSeqs,
              maxNumBatchedTokens,
              blockSize,
              contextLength,
              blocks,
              !noPrefixCaching,
              !noChunkedPrefill,
              longPrefillTokenThreshold);
      EmulatorOptions.Builder builder =
          EmulatorOptions.builder(modelSpec, gpuSpec, performance)
              .host(host)
              .port(port)
              .engineConfig(engine)
              .startupDelay(startupDelay)
              .speedUp(speedUp)
              .defaultOutputTokens(defaultOutputTokens)
              .drainTimeout(drainTimeout);
      if (servedModelName != null) {
        builder.servedModelName(servedModelName);
      }
      if (ioThreads != null) {
        builder.ioThreads(ioThreads);
      }
      return builder.build();
    } catch (CatalogException | ProfileFormatException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
