package dev.llmscale.core.policy;

import dev.llmscale.core.predict.PredictorConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of the {@link SloPlanner}. Start from {@link #aggregated} or {@link #disaggregated}
 * and adjust with the {@code with} methods; every field is validated at construction with a message
 * naming it.
 *
 * @param pools the scaled pools: one {@code aggregated} pool, or a {@code prefill} and a {@code
 *     decode} pool
 * @param slo the latency targets at their quantile
 * @param targetUtilization scale up so the forecast load is at most this fraction of the pools'
 *     capacity at the SLO (default 0.85): headroom for forecast error
 * @param scaleDownUtilization remove replicas only while the survivors stay at or below this
 *     fraction of capacity (default 0.7); the gap to {@code targetUtilization} is the hysteresis
 *     that keeps noise from flapping the count
 * @param tickInterval how often the planner runs (default 15 s)
 * @param predictor how the request rate, ISL and OSL are forecast (default the Kalman
 *     local-linear-trend filter)
 * @param leadTimePrior the time from a scale-up decision to a ready replica assumed before it has
 *     been measured (default 300 s: node provisioning, image pull, model load)
 * @param leadTimePriorWeight how many measurements the prior is worth (default 3)
 * @param scaleDownWindow how long the replica count asked for must have stayed lower before
 *     capacity is removed (default 300 s)
 * @param scaleDownMaxFraction the largest fraction of a pool removed in one tick (default 0.25; at
 *     least one replica)
 * @param panic when and how hard to react to the unforeseen
 * @param gpuBudget the most GPUs all pools may hold together; 0 for no budget
 * @param assumedShape the request mix assumed until ISL and OSL have been observed
 * @param signalWindow the range the readings average over ({@code rate(…[window])}, default 60 s):
 *     after a step in the load the request rate reading ramps for this long, a slope that is the
 *     window's and not the load's
 * @param errorBudget spending the misses the SLO's quantile allows over a period ({@link
 *     ErrorBudget#OFF}: every signal window keeps the SLO on its own)
 */
public record SloPlannerConfig(
    List<Pool> pools,
    SloTargets slo,
    double targetUtilization,
    double scaleDownUtilization,
    Duration tickInterval,
    PredictorConfig predictor,
    Duration leadTimePrior,
    double leadTimePriorWeight,
    Duration scaleDownWindow,
    double scaleDownMaxFraction,
    Panic panic,
    int gpuBudget,
    LoadShape assumedShape,
    Duration signalWindow,
    ErrorBudget errorBudget) {

  public static final Duration DEFAULT_SIGNAL_WINDOW = Duration.ofSeconds(60);

  /**
   * One scaled pool.
   *
   * @param service the scale target's name
   * @param role what its replicas do
   * @param minReplicas fewest replicas (>= 0)
   * @param maxReplicas most replicas (>= max(1, minReplicas))
   * @param gpusPerReplica GPUs one replica holds (tensor parallel degree), for the GPU budget
   */
  public record Pool(
      String service, PoolRole role, int minReplicas, int maxReplicas, int gpusPerReplica) {

    public Pool {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("pools[].service is required");
      }
      if (role == null) {
        throw new IllegalArgumentException("pool '" + service + "': role is required");
      }
      if (minReplicas < 0) {
        throw new IllegalArgumentException(
            "pool '" + service + "': minReplicas must be >= 0: " + minReplicas);
      }
      if (maxReplicas < Math.max(1, minReplicas)) {
        throw new IllegalArgumentException(
            "pool '"
                + service
                + "': maxReplicas ("
                + maxReplicas
                + ") must be >= max(1, minReplicas ("
                + minReplicas
                + "))");
      }
      if (gpusPerReplica < 1) {
        throw new IllegalArgumentException(
            "pool '" + service + "': gpusPerReplica must be >= 1: " + gpusPerReplica);
      }
    }

    public static Pool of(String service, PoolRole role, int min, int max) {
      return new Pool(service, role, min, max, 1);
    }
  }

  /**
   * Panic mode, in Knative's sense: when the SLO is breached or the queue grows now, scale at once
   * from the replicas that are ready, without waiting for the forecast, and remove nothing until
   * {@code window} has passed without a breach.
   *
   * @param latencyRatio an observed tail above this multiple of its target is a breach (default
   *     1.0)
   * @param queuePerReplica a queue deeper than this many requests per ready replica that grew since
   *     the last tick is a breach (default 4)
   * @param maxFactor the most one panic multiplies the ready replicas by (default 2)
   * @param window how long after the last breach panic mode lasts (default 60 s)
   */
  public record Panic(
      double latencyRatio, double queuePerReplica, double maxFactor, Duration window) {

    public static final Panic DEFAULTS = new Panic(1.0, 4, 2.0, Duration.ofSeconds(60));

    public Panic {
      if (!(latencyRatio > 0) || !Double.isFinite(latencyRatio)) {
        throw new IllegalArgumentException("panic.latencyRatio must be > 0: " + latencyRatio);
      }
      if (!(queuePerReplica >= 0) || !Double.isFinite(queuePerReplica)) {
        throw new IllegalArgumentException(
            "panic.queuePerReplica must be >= 0: " + queuePerReplica);
      }
      if (!(maxFactor > 1) || !Double.isFinite(maxFactor)) {
        throw new IllegalArgumentException("panic.maxFactor must be > 1: " + maxFactor);
      }
      if (window == null || window.isNegative()) {
        throw new IllegalArgumentException("panic.window must be >= 0: " + window);
      }
    }
  }

  /**
   * The SLO held over a period instead of over every signal window: a p99 SLO over an hour lets 1 %
   * of the hour's first tokens be late, wherever they fall. What the fleet saved of that budget in
   * quiet minutes it may spend in busy ones, instead of adding replicas that hold their nodes for
   * longer than the busy minutes last. The planner reads the period's requests and its misses (late
   * first tokens, and requests refused under load before one: {@link
   * PlannerSignal#PERIOD_REQUESTS}, {@link PlannerSignal#PERIOD_TTFT_MISSES}) and the signal
   * window's share within the target ({@link PlannerSignal#TTFT_ATTAINMENT}); see {@link
   * SloPlanner} for how it spends them.
   *
   * @param period the period the SLO is kept over (a rolling window); zero for none
   */
  public record ErrorBudget(Duration period) {

    public static final ErrorBudget OFF = new ErrorBudget(Duration.ZERO);

    public ErrorBudget {
      if (period == null || period.isNegative()) {
        throw new IllegalArgumentException("errorBudget.period must be >= 0: " + period);
      }
    }

    public boolean enabled() {
      return !period.isZero();
    }
  }

  public SloPlannerConfig {
    if (pools == null || pools.isEmpty()) {
      throw new IllegalArgumentException("pools: at least one pool is required");
    }
    pools = List.copyOf(pools);
    Set<String> services = new HashSet<>();
    Set<PoolRole> roles = new HashSet<>();
    for (Pool pool : pools) {
      if (!services.add(pool.service())) {
        throw new IllegalArgumentException("pools: service '" + pool.service() + "' twice");
      }
      roles.add(pool.role());
    }
    boolean aggregated = pools.size() == 1 && roles.contains(PoolRole.AGGREGATED);
    boolean disaggregated =
        pools.size() == 2 && roles.contains(PoolRole.PREFILL) && roles.contains(PoolRole.DECODE);
    if (!aggregated && !disaggregated) {
      throw new IllegalArgumentException(
          "pools: need one aggregated pool, or one prefill and one decode pool; got " + roles);
    }
    if (slo == null) {
      throw new IllegalArgumentException("slo is required");
    }
    if (!(targetUtilization > 0 && targetUtilization <= 1)) {
      throw new IllegalArgumentException(
          "targetUtilization must be in (0, 1]: " + targetUtilization);
    }
    if (!(scaleDownUtilization > 0 && scaleDownUtilization <= targetUtilization)) {
      throw new IllegalArgumentException(
          "scaleDownUtilization must be in (0, targetUtilization = "
              + targetUtilization
              + "]: "
              + scaleDownUtilization);
    }
    requirePositive("tickInterval", tickInterval);
    if (predictor == null) {
      throw new IllegalArgumentException("predictor is required");
    }
    requirePositive("leadTimePrior", leadTimePrior);
    if (!(leadTimePriorWeight >= 0) || !Double.isFinite(leadTimePriorWeight)) {
      throw new IllegalArgumentException(
          "leadTimePriorWeight must be >= 0: " + leadTimePriorWeight);
    }
    if (scaleDownWindow == null || scaleDownWindow.isNegative()) {
      throw new IllegalArgumentException("scaleDownWindow must be >= 0: " + scaleDownWindow);
    }
    if (!(scaleDownMaxFraction > 0 && scaleDownMaxFraction <= 1)) {
      throw new IllegalArgumentException(
          "scaleDownMaxFraction must be in (0, 1]: " + scaleDownMaxFraction);
    }
    if (panic == null) {
      throw new IllegalArgumentException("panic is required");
    }
    if (gpuBudget < 0) {
      throw new IllegalArgumentException("gpuBudget must be >= 0 (0: no budget): " + gpuBudget);
    }
    int minimumGpus = 0;
    for (Pool pool : pools) {
      minimumGpus += pool.minReplicas() * pool.gpusPerReplica();
    }
    if (gpuBudget > 0 && minimumGpus > gpuBudget) {
      throw new IllegalArgumentException(
          "gpuBudget ("
              + gpuBudget
              + ") is below the "
              + minimumGpus
              + " GPUs the pools' minReplicas hold");
    }
    if (assumedShape == null) {
      throw new IllegalArgumentException("assumedShape is required");
    }
    requirePositive("signalWindow", signalWindow);
    if (errorBudget == null) {
      throw new IllegalArgumentException("errorBudget is required (ErrorBudget.OFF for none)");
    }
    if (errorBudget.enabled() && errorBudget.period().compareTo(signalWindow) < 0) {
      throw new IllegalArgumentException(
          "errorBudget.period ("
              + errorBudget.period()
              + ") must be at least the signal window ("
              + signalWindow
              + ")");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }

  /** One pool doing prefill and decode, with the defaults. */
  public static SloPlannerConfig aggregated(
      String service, int minReplicas, int maxReplicas, SloTargets slo) {
    return of(List.of(Pool.of(service, PoolRole.AGGREGATED, minReplicas, maxReplicas)), slo);
  }

  /** A prefill and a decode pool, with the defaults. */
  public static SloPlannerConfig disaggregated(Pool prefill, Pool decode, SloTargets slo) {
    return of(List.of(prefill, decode), slo);
  }

  private static SloPlannerConfig of(List<Pool> pools, SloTargets slo) {
    return new SloPlannerConfig(
        pools,
        slo,
        0.85,
        0.7,
        Duration.ofSeconds(15),
        PredictorConfig.KalmanTrend.DEFAULTS,
        Duration.ofSeconds(300),
        3,
        Duration.ofSeconds(300),
        0.25,
        Panic.DEFAULTS,
        0,
        new LoadShape(1000, 200),
        DEFAULT_SIGNAL_WINDOW,
        ErrorBudget.OFF);
  }

  public boolean disaggregated() {
    return pools.size() == 2;
  }

  public SloPlannerConfig withUtilization(double target, double scaleDown) {
    Fields f = new Fields(this);
    f.targetUtilization = target;
    f.scaleDownUtilization = scaleDown;
    return f.build();
  }

  public SloPlannerConfig withTickInterval(Duration value) {
    Fields f = new Fields(this);
    f.tickInterval = value;
    return f.build();
  }

  public SloPlannerConfig withPredictor(PredictorConfig value) {
    Fields f = new Fields(this);
    f.predictor = value;
    return f.build();
  }

  public SloPlannerConfig withLeadTimePrior(Duration value, double weight) {
    Fields f = new Fields(this);
    f.leadTimePrior = value;
    f.leadTimePriorWeight = weight;
    return f.build();
  }

  public SloPlannerConfig withScaleDown(Duration window, double maxFraction) {
    Fields f = new Fields(this);
    f.scaleDownWindow = window;
    f.scaleDownMaxFraction = maxFraction;
    return f.build();
  }

  public SloPlannerConfig withPanic(Panic value) {
    Fields f = new Fields(this);
    f.panic = value;
    return f.build();
  }

  public SloPlannerConfig withGpuBudget(int value) {
    Fields f = new Fields(this);
    f.gpuBudget = value;
    return f.build();
  }

  public SloPlannerConfig withAssumedShape(LoadShape value) {
    Fields f = new Fields(this);
    f.assumedShape = value;
    return f.build();
  }

  public SloPlannerConfig withSignalWindow(Duration value) {
    Fields f = new Fields(this);
    f.signalWindow = value;
    return f.build();
  }

  public SloPlannerConfig withErrorBudget(ErrorBudget value) {
    Fields f = new Fields(this);
    f.errorBudget = value;
    return f.build();
  }

  /** A mutable copy for the {@code with} methods; {@link #build} validates again. */
  private static final class Fields {
    private final List<Pool> pools;
    private final SloTargets slo;
    private double targetUtilization;
    private double scaleDownUtilization;
    private Duration tickInterval;
    private PredictorConfig predictor;
    private Duration leadTimePrior;
    private double leadTimePriorWeight;
    private Duration scaleDownWindow;
    private double scaleDownMaxFraction;
    private Panic panic;
    private int gpuBudget;
    private LoadShape assumedShape;
    private Duration signalWindow;
    private ErrorBudget errorBudget;

    Fields(SloPlannerConfig c) {
      pools = c.pools;
      slo = c.slo;
      targetUtilization = c.targetUtilization;
      scaleDownUtilization = c.scaleDownUtilization;
      tickInterval = c.tickInterval;
      predictor = c.predictor;
      leadTimePrior = c.leadTimePrior;
      leadTimePriorWeight = c.leadTimePriorWeight;
      scaleDownWindow = c.scaleDownWindow;
      scaleDownMaxFraction = c.scaleDownMaxFraction;
      panic = c.panic;
      gpuBudget = c.gpuBudget;
      assumedShape = c.assumedShape;
      signalWindow = c.signalWindow;
      errorBudget = c.errorBudget;
    }

    SloPlannerConfig build() {
      return new SloPlannerConfig(
          pools,
          slo,
          targetUtilization,
          scaleDownUtilization,
          tickInterval,
          predictor,
          leadTimePrior,
          leadTimePriorWeight,
          scaleDownWindow,
          scaleDownMaxFraction,
          panic,
          gpuBudget,
          assumedShape,
          signalWindow,
          errorBudget);
    }
  }
}
