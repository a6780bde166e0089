package dev.llmscale.autoscaler.config;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.LengthMix;
import dev.llmscale.core.policy.SimulatedCapacity;
import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.core.policy.SteadyStateCapacity;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code planner.capacity}: how the planner turns load into replicas, from the model and GPU one
 * replica runs.
 *
 * @param model the served model, from the catalog
 * @param gpu the GPU one replica runs on, from the catalog
 * @param performanceModel {@code roofline}, {@code polynomial} or {@code profile}
 * @param profile the measured profile ({@code llmscale profile}) for {@code profile}
 * @param tensorParallel GPUs per replica
 * @param method how the rate one replica sustains at the SLO is found
 * @param engine the replica's engine limits (vLLM's defaults for the model and GPU, with overrides)
 * @param requests requests per trial for {@code simulated} and {@code mix}
 * @param seed the arrival stream's seed for {@code simulated} and {@code mix}
 * @param mix the service's request lengths for {@code mix}, from a trace of its traffic
 */
public record CapacitySpec(
    ModelSpec model,
    GpuSpec gpu,
    String performanceModel,
    Optional<Path> profile,
    int tensorParallel,
    Method method,
    EngineConfig engine,
    int requests,
    long seed,
    Optional<LengthMix> mix) {

  public static final int DEFAULT_REQUESTS = 500;
  public static final long DEFAULT_SEED = 1;

  /** How the sustainable rate per replica is estimated. */
  public enum Method {
    /** {@link SteadyStateCapacity}: a queueing estimate, microseconds per mix. */
    STEADY_STATE("steady-state"),
    /** {@link SimulatedCapacity}: runs the engine scheduler in virtual time. */
    SIMULATED("simulated"),
    /**
     * {@link SimulatedCapacity} on request lengths drawn from a trace of the service's traffic,
     * scaled to the forecast means: the long prompts that set the tail TTFT are in the trials.
     */
    MIX("mix");

    private final String configName;

    Method(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    /** Parses {@code steady-state}, {@code simulated} or {@code mix}. */
    public static Method parse(String text) {
      for (Method method : values()) {
        if (method.configName.equals(text.strip().toLowerCase(Locale.ROOT))) {
          return method;
        }
      }
      throw new IllegalArgumentException(
          "expected steady-state, simulated or mix, found '" + text + "'");
    }
  }

  public CapacitySpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(engine, "engine");
    if (!PerformanceModels.KINDS.contains(performanceModel)) {
      throw new IllegalArgumentException(
          "performanceModel must be one of "
              + String.join(", ", PerformanceModels.KINDS)
              + ", not '"
              + performanceModel
              + "'");
    }
    if (performanceModel.equals("profile") != profile.isPresent()) {
      throw new IllegalArgumentException(
          profile.isPresent()
              ? "profile is read only with performanceModel: profile"
              : "performanceModel: profile needs a profile file (profile: path)");
    }
    if (tensorParallel < 1) {
      throw new IllegalArgumentException("tensorParallel must be >= 1: " + tensorParallel);
    }
    if (requests < 50) {
      throw new IllegalArgumentException("requests must be >= 50: " + requests);
    }
    Objects.requireNonNull(mix, "mix");
    if ((method == Method.MIX) != mix.isPresent()) {
      throw new IllegalArgumentException(
          mix.isPresent()
              ? "mix is read only with method: mix"
              : "method: mix needs a trace of the service's requests (mix: path)");
    }
  }

  /** A capacity without a length mix ({@code steady-state} or {@code simulated}). */
  public CapacitySpec(
      ModelSpec model,
      GpuSpec gpu,
      String performanceModel,
      Optional<Path> profile,
      int tensorParallel,
      Method method,
      EngineConfig engine,
      int requests,
      long seed) {
    this(
        model,
        gpu,
        performanceModel,
        profile,
        tensorParallel,
        method,
        engine,
        requests,
        seed,
        Optional.empty());
  }

  /** Step timing for one replica; a profile is read from its file. */
  public PerformanceModel performance() {
    return PerformanceModels.create(
        performanceModel, model, gpu, profile.orElse(null), tensorParallel);
  }

  /** The capacity model the planner sizes pools with, at {@code slo}. */
  public CapacityModel capacityModel(SloTargets slo) {
    return switch (method) {
      case STEADY_STATE -> new SteadyStateCapacity(performance(), engine, slo);
      case SIMULATED -> new SimulatedCapacity(performance(), engine, slo, requests, seed);
      case MIX ->
          new SimulatedCapacity(performance(), engine, slo, requests, seed, mix.orElseThrow());
    };
  }
}
