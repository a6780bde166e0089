package dev.llmscale.emulator;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.kv.KvCapacity;
import dev.llmscale.core.perf.PerformanceModel;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an emulated engine needs, already resolved (the CLI turns catalog names into specs).
 *
 * @param host address to bind ({@code 0.0.0.0} for all interfaces, as vLLM)
 * @param port port to bind; 0 picks a free one ({@link EmulatorServer#port()} tells which)
 * @param servedModelName the name clients put in {@code model} ({@code --served-model-name})
 * @param model the emulated model; its published name is reported as {@code root} in /v1/models
 * @param gpu the emulated GPU (reported in {@code llmscale_emulator_info})
 * @param performanceModel step durations, in emulated seconds
 * @param engineConfig scheduler limits, including {@code max_model_len} and the KV blocks
 * @param startupDelay wall time after start during which the engine "loads the model": /health and
 *     every API request answer 503
 * @param speedUp the emulated engine runs this many times faster than the performance model says
 *     (wall-clock step = model step / speedUp); every latency metric is reported in wall time, i.e.
 *     as a client would measure it
 * @param defaultOutputTokens output length of a request without {@code max_tokens} (finish reason
 *     {@code stop}), capped by {@code max_model_len} minus the prompt
 * @param maxRequestBodyBytes larger request bodies get 413
 * @param drainTimeout how long {@link EmulatorServer#drain()} lets in-flight requests finish before
 *     it ends them
 * @param ioThreads Netty event loops
 * @param tokenizerThreads threads that parse and tokenize requests off the event loops
 * @param tokenizerEncoding jtokkit encoding counting prompt tokens ({@code cl100k_base} or {@code
 *     o200k_base})
 */
public record EmulatorOptions(
    String host,
    int port,
    String servedModelName,
    ModelSpec model,
    GpuSpec gpu,
    PerformanceModel performanceModel,
    EngineConfig engineConfig,
    Duration startupDelay,
    double speedUp,
    int defaultOutputTokens,
    int maxRequestBodyBytes,
    Duration drainTimeout,
    int ioThreads,
    int tokenizerThreads,
    String tokenizerEncoding) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8000;
  public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
  public static final int DEFAULT_OUTPUT_TOKENS = 256;
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 8 << 20;
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_TOKENIZER_ENCODING = "cl100k_base";

  public EmulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(servedModelName, "servedModelName");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(performanceModel, "performanceModel");
    Objects.requireNonNull(engineConfig, "engineConfig");
    Objects.requireNonNull(startupDelay, "startupDelay");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(tokenizerEncoding, "tokenizerEncoding");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    if (servedModelName.isBlank()) {
      throw new IllegalArgumentException("served model name must not be blank");
    }
    if (startupDelay.isNegative() || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("startup delay and drain timeout must be >= 0");
    }
    if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
      throw new IllegalArgumentException("speed-up must be a positive number: " + speedUp);
    }
    if (defaultOutputTokens <= 0) {
      throw new IllegalArgumentException(
          "default output tokens must be > 0: " + defaultOutputTokens);
    }
    if (maxRequestBodyBytes <= 0) {
      throw new IllegalArgumentException("max request body must be > 0: " + maxRequestBodyBytes);
    }
    if (ioThreads <= 0 || tokenizerThreads <= 0) {
      throw new IllegalArgumentException("io and tokenizer threads must be > 0");
    }
  }

  /** These options bound to {@code host}:{@code port} instead (port 0 picks a free one). */
  public EmulatorOptions withListen(String host, int port) {
    return new EmulatorOptions(
        host,
        port,
        servedModelName,
        model,
        gpu,
        performanceModel,
        engineConfig,
        startupDelay,
        speedUp,
        defaultOutputTokens,
        maxRequestBodyBytes,
        drainTimeout,
        ioThreads,
        tokenizerThreads,
        tokenizerEncoding);
  }

  /** These options with another model-load time. */
  public EmulatorOptions withStartupDelay(Duration delay) {
    return new EmulatorOptions(
        host,
        port,
        servedModelName,
        model,
        gpu,
        performanceModel,
        engineConfig,
        delay,
        speedUp,
        defaultOutputTokens,
        maxRequestBodyBytes,
        drainTimeout,
        ioThreads,
        tokenizerThreads,
        tokenizerEncoding);
  }

  /**
   * Options with vLLM's defaults for {@code model} on one {@code gpu}: served under the model's
   * published name, KV capacity at {@code gpu_memory_utilization} 0.9, {@code max_model_len} the
   * model's context capped by what the KV cache holds.
   */
  public static Builder builder(ModelSpec model, GpuSpec gpu, PerformanceModel performanceModel) {
    return new Builder(model, gpu, performanceModel);
  }

  /**
   * The vLLM default engine config for {@code model} on one {@code gpu} at {@code
   * gpuMemoryUtilization}.
   */
  public static EngineConfig defaultEngineConfig(
      ModelSpec model, GpuSpec gpu, double gpuMemoryUtilization) {
    int blocks =
        KvCapacity.blocks(
            model,
            gpu,
            1,
            gpuMemoryUtilization,
            EngineConfig.DEFAULT_BLOCK_SIZE,
            KvCapacity.DEFAULT_RESERVED_BYTES);
    long kvTokens = (long) blocks * EngineConfig.DEFAULT_BLOCK_SIZE;
    int maxModelLen = (int) Math.min(model.maxContext(), kvTokens);
    return EngineConfig.defaults(maxModelLen, blocks);
  }

  /** Fluent construction; every setter has the default documented on the record. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String servedModelName;
    private final ModelSpec model;
    private final GpuSpec gpu;
    private final PerformanceModel performanceModel;
    private EngineConfig engineConfig;
    private Duration startupDelay = Duration.ZERO;
    private double speedUp = 1.0;
    private int defaultOutputTokens = DEFAULT_OUTPUT_TOKENS;
    private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private int tokenizerThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private String tokenizerEncoding = DEFAULT_TOKENIZER_ENCODING;

    private Builder(ModelSpec model, GpuSpec gpu, PerformanceModel performanceModel) {
      this.model = Objects.requireNonNull(model, "model");
      this.gpu = Objects.requireNonNull(gpu, "gpu");
      this.performanceModel = Objects.requireNonNull(performanceModel, "performanceModel");
      this.servedModelName = model.name();
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder servedModelName(String value) {
      servedModelName = value;
      return this;
    }

    /** Replaces the derived config (see {@link EmulatorOptions#defaultEngineConfig}). */
    public Builder engineConfig(EngineConfig value) {
      engineConfig = value;
      return this;
    }

    public Builder startupDelay(Duration value) {
      startupDelay = value;
      return this;
    }

    public Builder speedUp(double value) {
      speedUp = value;
      return this;
    }

    public Builder defaultOutputTokens(int value) {
      defaultOutputTokens = value;
      return this;
    }

    public Builder maxRequestBodyBytes(int value) {
      maxRequestBodyBytes = value;
      return this;
    }

    public Builder drainTimeout(Duration value) {
      drainTimeout = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public Builder tokenizerThreads(int value) {
      tokenizerThreads = value;
      return this;
    }

    public Builder tokenizerEncoding(String value) {
      tokenizerEncoding = value;
      return this;
    }

    public EmulatorOptions build() {
      EngineConfig config =
          engineConfig != null
              ? engineConfig
              : defaultEngineConfig(model, gpu, DEFAULT_GPU_MEMORY_UTILIZATION);
      return new EmulatorOptions(
          host,
          port,
          servedModelName,
          model,
          gpu,
          performanceModel,
          config,
          startupDelay,
          speedUp,
          defaultOutputTokens,
          maxRequestBodyBytes,
          drainTimeout,
          ioThreads,
          tokenizerThreads,
          tokenizerEncoding);
    }
  }
}
