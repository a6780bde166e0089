package dev.llmscale.core.policy;

import dev.llmscale.core.predict.LeadTimeEstimator;
import dev.llmscale.core.predict.LoadPredictor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our predictive, cold-start-aware SLO planner ({@code slo-planner}). Each tick, for each pool:
 *
 * <ol>
 *   <li><b>Forecast.</b> The request rate, ISL and OSL feed one {@link LoadPredictor} each; the
 *       load planned for is the larger forecast of now and of {@code now + lead time + tick}:
 *       capacity asked for now is ready only after the lead time, and capacity removed now could
 *       not come back sooner. A trend is looked ahead along only where the data show one ({@link
 *       LoadPredictor#lookAhead}). A step in the load (two readings in a row more than {@link
 *       #STEP_RATIO} times above, or below, the level before them) is followed as it is: for one
 *       signal window the filter restarts on each reading, instead of trailing the step and
 *       learning a trend from the ramp the window's averaging draws.
 *   <li><b>Capacity.</b> The {@link CapacityModel} gives the rate one replica of the pool's role
 *       sustains for the forecast mix while keeping the tail TTFT and ITL targets; the pool needs
 *       {@code ceil(load / (rate · targetUtilization))} replicas.
 *   <li><b>Lead time.</b> A {@link LeadTimeEstimator} per pool measures, online, how long asked-for
 *       replicas take to become ready, starting from the configured prior.
 *   <li><b>Panic.</b> An observed breach (tail TTFT or ITL above target, a queue deeper than {@code
 *       queuePerReplica} per ready replica and growing, goodput below the SLO quantile) scales at
 *       once. With the queue readable it is sized from the backlog: enough to carry the arrivals
 *       and to drain, within {@code panic.window}, the queue as it will be when the capacity asked
 *       for is ready; at least one replica more than are ready when there is no backlog to explain
 *       the breach (the capacity model is off). A tail TTFT that only echoes a backlog already
 *       drained is not a breach. Without a queue reading it scales to {@code ready × min(maxFactor,
 *       severity)} (at least one more). Counting from ready replicas means a breach lasting while
 *       capacity starts does not compound. Panic blocks scale-down for {@code panic.window}.
 *   <li><b>Scale-down</b> happens only when every recommendation of the last {@code
 *       scaleDownWindow} was lower, and only as far as the survivors, whose load grows by {@code
 *       N/N'}, stay at or below {@code scaleDownUtilization}; at most {@code scaleDownMaxFraction}
 *       of the pool per tick.
 *   <li><b>Error budget</b> ({@code errorBudget.period}, off by default). The SLO kept over a
 *       rolling period: the misses the period has saved, spread over the horizon's requests, let
 *       capacity be judged at a laxer TTFT quantile and a tail breach count only when the window's
 *       late share outruns them. The budget may hold a scale-up back; it never removes capacity,
 *       and the headroom of {@code targetUtilization} stays (docs/scaling.md).
 *   <li><b>Outage.</b> Without a request-rate reading the planner holds its last decision (it never
 *       collapses to the minimum); an observed breach may still scale up.
 *   <li><b>Bounds and budget.</b> Each pool is clamped to its min/max; then, if the pools together
 *       would hold more GPUs than {@code gpuBudget}, the pool furthest above its share is cut
 *       first.
 * </ol>
 *
 * <p>Pure, like every policy: the time and the observation are arguments, all memory lives here.
 */
public final class SloPlanner implements ScalingPolicy {
  private static final long SECOND = 1_000_000_000L;

  /** What a tick did to a pool. */
  public enum Action {
    /** Replicas added for the forecast load. */
    SCALE_UP,
    /** Replicas added at once for an observed breach. */
    PANIC,
    /** Replicas removed. */
    SCALE_DOWN,
    /** Nothing to change, or a change held back (window, consolidation, panic). */
    HOLD,
    /** The request rate could not be read: the last decision holds. */
    OUTAGE_HOLD
  }

  /**
   * The planner's reasoning for one pool at its last tick, for status reports and tests.
   *
   * @param forecastRate requests per second planned for (NaN in an outage)
   * @param shape the request mix planned for
   * @param capacityPerReplica requests per second one replica sustains at the SLO
   * @param leadTimeNanos the lead time looked ahead by
   * @param needed replicas the forecast needs before hysteresis, bounds and budget (-1 if unknown)
   * @param panicTarget replicas a breach asked for, or 0 without breach
   * @param budgetCapped the GPU budget lowered the count
   */
  public record Plan(
      String service,
      PoolRole role,
      Action action,
      double forecastRate,
      LoadShape shape,
      double capacityPerReplica,
      long leadTimeNanos,
      int needed,
      int panicTarget,
      int currentReplicas,
      int desiredReplicas,
      boolean budgetCapped,
      String reason) {}

  /** An observed rate this many times above or below the forecast is a step, not noise. */
  static final double STEP_RATIO = 1.25;

  private final SloPlannerConfig config;
  private final CapacityModel capacity;
  private LoadPredictor rate; // restarted while the load steps (see STEP_RATIO)
  private final LoadPredictor input;
  private final LoadPredictor output;
  private final List<PoolState> pools = new ArrayList<>();
  private final long tickNanos;
  private final long windowNanos;
  private final long panicWindowNanos;
  private final long signalWindowNanos;

  private boolean started;
  private long lastTickNanos;
  private double lastQueue = Double.NaN;
  private final ArrayDeque<double[]> queueHistory = new ArrayDeque<>(); // {time, queue}
  private long settleUntil = Long.MIN_VALUE;
  private int stepDirection; // of the last reading a step away from the forecast, or 0
  private double stepBase; // the forecast before that reading

  private static final class PoolState {
    final SloPlannerConfig.Pool pool;
    final LeadTimeEstimator lead;
    final ArrayDeque<long[]> history = new ArrayDeque<>(); // {time, recommendation}
    int lastDesired = -1;
    int lastReady;
    long panicUntil = Long.MIN_VALUE;
    long lastBacklogNanos = Long.MIN_VALUE; // the queue last exceeded panic.queuePerReplica
    long lastRaisedNanos = Long.MIN_VALUE; // the desired count last went up
    int panicFloor; // the part of the last panic's count that enters the scale-down window
    Plan plan;

    PoolState(SloPlannerConfig.Pool pool, LeadTimeEstimator lead) {
      this.pool = pool;
      this.lead = lead;
    }
  }

  public SloPlanner(SloPlannerConfig config, CapacityModel capacity) {
    if (config == null || capacity == null) {
      throw new IllegalArgumentException("config and capacity model are required");
    }
    this.config = config;
    this.capacity = capacity;
    this.rate = config.predictor().create();
    this.input = config.predictor().create();
    this.output = config.predictor().create();
    this.tickNanos = config.tickInterval().toNanos();
    this.windowNanos = config.scaleDownWindow().toNanos();
    this.panicWindowNanos = config.panic().window().toNanos();
    this.signalWindowNanos = config.signalWindow().toNanos();
    for (SloPlannerConfig.Pool pool : config.pools()) {
      pools.add(
          new PoolState(
              pool,
              new LeadTimeEstimator(
                  config.leadTimePrior().toNanos(), config.leadTimePriorWeight(), 20)));
    }
  }

  public SloPlannerConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return "slo-planner";
  }

  @Override
  public List<String> services() {
    return config.pools().stream().map(SloPlannerConfig.Pool::service).toList();
  }

  /** The reasoning of the last tick for {@code service}; null before the first tick. */
  public Plan lastPlan(String service) {
    return state(service).plan;
  }

  /** The lead time currently looked ahead by for {@code service}. */
  public long leadTimeNanos(String service) {
    return state(service).lead.estimateNanos();
  }

  private PoolState state(String service) {
    for (PoolState state : pools) {
      if (state.pool.service().equals(service)) {
        return state;
      }
    }
    throw new IllegalArgumentException("the planner does not scale '" + service + "'");
  }

  @Override
  public ScalingDecision tick(long nowNanos, Observation observation) {
    if (started && nowNanos < lastTickNanos) {
      throw new IllegalArgumentException(
          "time went backwards: " + nowNanos + " < " + lastTickNanos + " (ns)");
    }
    List<ServiceState> states = new ArrayList<>();
    for (PoolState pool : pools) {
      states.add(observation.service(pool.pool.service()));
    }
    for (int i = 0; i < pools.size(); i++) {
      PoolState pool = pools.get(i);
      ServiceState state = states.get(i);
      if (!started) {
        pool.lastDesired = state.replicas();
        pool.history.addLast(new long[] {nowNanos, state.replicas()});
      } else if (state.readyReplicas() > pool.lastReady) {
        pool.lead.ready(nowNanos, state.readyReplicas() - pool.lastReady);
      }
      pool.lastReady = state.readyReplicas();
    }
    started = true;
    lastTickNanos = nowNanos;

    Signals signals = read(nowNanos, observation);
    LoadShape shape = shape(nowNanos);
    int[] wanted = new int[pools.size()];
    StringBuilder[] reasons = new StringBuilder[pools.size()];
    Action[] actions = new Action[pools.size()];
    for (int i = 0; i < pools.size(); i++) {
      reasons[i] = new StringBuilder();
      Plan partial = plan(nowNanos, pools.get(i), states.get(i), signals, shape, reasons[i]);
      pools.get(i).plan = partial;
      wanted[i] = partial.desiredReplicas();
      actions[i] = partial.action();
    }
    int[] desired = applyBudget(wanted, reasons);

    List<ServiceDecision> decisions = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      PoolState pool = pools.get(i);
      ServiceState state = states.get(i);
      int current = state.replicas();
      int requestedBefore = Math.max(current, pool.lastDesired);
      if (desired[i] > requestedBefore) {
        pool.lastRaisedNanos = nowNanos;
        pool.lead.requested(nowNanos, desired[i] - requestedBefore);
      } else if (desired[i] < requestedBefore) {
        pool.lead.withdrawn(requestedBefore - desired[i]); // starting replicas go first
      }
      pool.lastDesired = desired[i];
      Action action = actions[i];
      if (desired[i] < wanted[i] && action == Action.SCALE_UP && desired[i] <= current) {
        action = Action.HOLD;
      }
      String reason =
          reasons[i].append(": ").append(current).append(" -> ").append(desired[i]).toString();
      Plan partial = pool.plan;
      pool.plan =
          new Plan(
              partial.service(),
              partial.role(),
              action,
              partial.forecastRate(),
              partial.shape(),
              partial.capacityPerReplica(),
              partial.leadTimeNanos(),
              partial.needed(),
              partial.panicTarget(),
              current,
              desired[i],
              desired[i] < wanted[i],
              reason);
      decisions.add(new ServiceDecision(pool.pool.service(), current, desired[i], reason));
    }
    return new ScalingDecision(nowNanos, decisions, nowNanos + tickNanos);
  }

  // ---------------------------------------------------------------------------------------------

  /** The readings of one tick, with breach flags derived from them. */
  private record Signals(
      MetricReading rate,
      MetricReading ttft,
      MetricReading itl,
      MetricReading queue,
      boolean queueGrowing,
      double queueGrowthPerSecond,
      MetricReading goodput,
      MetricReading ttftAttainment,
      MetricReading periodRequests,
      MetricReading periodMisses) {}

  /**
   * What the error budget allows over the horizon a decision commits to (lead time + tick).
   *
   * @param missShare the share of the horizon's first tokens that may be late: the SLO's own {@code
   *     1 − q} plus the period's unspent misses spread over the horizon's requests (NaN without a
   *     budget or its readings)
   * @param planningShare the share of late first tokens capacity is sized for: {@code missShare}
   *     rounded down to 1, 2, 3 or 5 times {@code 1 − q} (a few capacity searches, not one per
   *     tick) and never beyond 5 times, a burn rate at which a month's budget lasts six days
   * @param unspent misses the period's budget still holds ({@code (1 − q) · requests − misses})
   * @param horizonRequests first tokens expected within the horizon
   */
  private record Budget(
      double missShare, double planningShare, double unspent, double horizonRequests) {
    static final Budget NONE = new Budget(Double.NaN, Double.NaN, 0, 0);
    private static final double[] PLANNING_MULTIPLES = {5, 3, 2, 1};

    static Budget of(double missShare, double allowed, double unspent, double horizonRequests) {
      double planning = allowed;
      for (double times : PLANNING_MULTIPLES) {
        if (missShare >= times * allowed) {
          planning = times * allowed;
          break;
        }
      }
      return new Budget(missShare, planning, unspent, horizonRequests);
    }

    boolean readable() {
      return !Double.isNaN(missShare);
    }
  }

  /** +1 or -1 when {@code observed} is a step above or below {@code forecast}, else 0. */
  private static int stepped(double observed, double forecast) {
    if (!(forecast > 0)) {
      return observed > 0 ? 1 : 0;
    }
    if (observed > forecast * STEP_RATIO) {
      return 1;
    }
    return observed < forecast / STEP_RATIO ? -1 : 0;
  }

  private Signals read(long now, Observation observation) {
    MetricReading rateReading = observation.metric(PlannerSignal.REQUEST_RATE.metric());
    if (!rateReading.isFailure()) {
      double observed = Math.max(0, rateReading.value());
      if (now < settleUntil || !rate.ready()) {
        stepDirection = 0;
      } else if (stepDirection != 0 && stepped(observed, stepBase) == stepDirection) {
        // A step in the load, not noise. The reading, an average over the signal window, ramps
        // to the new level for one window: a slope of the window's, not the load's, which a
        // trend filter would learn and extrapolate for minutes. Follow the reading, learn no
        // trend from it, until a window has passed.
        settleUntil = now + signalWindowNanos;
        stepDirection = 0;
      } else {
        // one reading a step away may be noise; the next one, against the level before it, tells
        stepBase = rate.forecast(now);
        stepDirection = stepped(observed, stepBase);
      }
      if (now < settleUntil) {
        rate = config.predictor().create();
      }
      rate.observe(now, observed);
    }
    MetricReading in = observation.metric(PlannerSignal.INPUT_TOKENS.metric());
    if (!in.isFailure() && in.value() >= 1) {
      input.observe(now, in.value());
    }
    MetricReading out = observation.metric(PlannerSignal.OUTPUT_TOKENS.metric());
    if (!out.isFailure() && out.value() >= 1) {
      output.observe(now, out.value());
    }
    MetricReading queue = observation.metric(PlannerSignal.QUEUE_DEPTH.metric());
    boolean growing = false;
    double growth = 0;
    if (!queue.isFailure()) {
      growing = Double.isNaN(lastQueue) ? queue.value() > 0 : queue.value() > lastQueue;
      lastQueue = queue.value();
      // growth over the signal window, like the rate: over one tick it is mostly noise
      while (!queueHistory.isEmpty() && queueHistory.peekFirst()[0] < now - signalWindowNanos) {
        queueHistory.removeFirst();
      }
      if (!queueHistory.isEmpty() && now > queueHistory.peekFirst()[0]) {
        double[] oldest = queueHistory.peekFirst();
        growth = Math.max(0, queue.value() - oldest[1]) / ((now - oldest[0]) / 1e9);
      }
      queueHistory.addLast(new double[] {now, queue.value()});
    }
    return new Signals(
        rateReading,
        observation.metric(PlannerSignal.TTFT_TAIL.metric()),
        observation.metric(PlannerSignal.ITL_TAIL.metric()),
        queue,
        growing,
        // the rate reading trails a step in the load by up to its window; while the load steps,
        // the queue's growth tells what arrives sooner
        stepDirection != 0 || now < settleUntil ? growth : 0,
        observation.metric(PlannerSignal.GOODPUT.metric()),
        observation.metric(PlannerSignal.TTFT_ATTAINMENT.metric()),
        observation.metric(PlannerSignal.PERIOD_REQUESTS.metric()),
        observation.metric(PlannerSignal.PERIOD_TTFT_MISSES.metric()));
  }

  private LoadShape shape(long now) {
    double in = config.assumedShape().inputTokens();
    double out = config.assumedShape().outputTokens();
    // The level, not a trend looked ahead along: a mean length is a property of the traffic's
    // mix, which moves in steps between conversations and tasks and does not keep climbing; a
    // trend drawn through a step and extrapolated by a five-minute lead time overstated the
    // prompts of the Azure trace's busiest minutes by 12-15 % (docs/simulator.md).
    if (input.ready()) {
      in = Math.max(1, input.forecast(now));
    }
    if (output.ready()) {
      out = Math.max(1, output.forecast(now));
    }
    return new LoadShape(in, out);
  }

  private Plan plan(
      long now,
      PoolState pool,
      ServiceState state,
      Signals signals,
      LoadShape shape,
      StringBuilder why) {
    SloPlannerConfig.Pool spec = pool.pool;
    PoolRole role = spec.role();
    int current = state.replicas();
    int ready = state.readyReplicas();
    long lead = pool.lead.estimateNanos();
    while (!pool.history.isEmpty() && pool.history.peekFirst()[0] < now - windowNanos) {
      pool.history.removeFirst();
    }
    boolean outage = signals.rate().isFailure();
    double load = Double.NaN;
    int needed = -1;
    Budget budget = Budget.NONE;
    CapacityModel model = capacity;
    if (!outage) {
      long horizon = now + lead + tickNanos;
      load = Math.max(0, Math.max(rate.forecast(now), rate.lookAhead(horizon)));
      if (role != PoolRole.DECODE) {
        budget = budget(lead, load, signals);
        if (budget.readable()) {
          model = capacity.withTtftQuantile(1 - budget.planningShare());
        }
      }
    }
    double perReplica = model.maxRatePerReplica(role, shape);
    if (!outage) {
      if (perReplica > 0) {
        needed = ceil(load / (perReplica * config.targetUtilization()));
      }
    }

    int panicTarget =
        panicTarget(now, pool, role, ready, current, perReplica, signals, budget, why);
    boolean panic = panicTarget > 0;
    int desired;
    Action action;
    if (outage) {
      desired = pool.lastDesired;
      action = Action.OUTAGE_HOLD;
      // the scale-down window restarts when the readings come back
      pool.history.addLast(new long[] {now, desired});
      String failure = signals.rate().failure();
      if (panic) {
        why.append("; ");
      }
      why.append("request rate unavailable (").append(failure).append(")");
      if (panic && panicTarget > desired) {
        desired = panicTarget;
        action = Action.PANIC;
        why.append(": panic");
      } else {
        why.append(": holding the last decision, ").append(desired);
      }
    } else if (perReplica <= 0) {
      desired = Math.max(current, panicTarget);
      action = panic && panicTarget > current ? Action.PANIC : Action.HOLD;
      if (panic) {
        why.append("; ");
      }
      why.append(
          String.format(
              Locale.ROOT,
              "no %s replica meets %s for %s, whatever the load: keeping %d",
              role.configName(),
              config.slo(),
              shape,
              Math.max(current, panicTarget)));
    } else {
      if (panic) {
        why.append("; ");
      }
      why.append(
          String.format(
              Locale.ROOT,
              "forecast %.2f req/s within the %.0f s lead time for %s; a replica carries %.2f"
                  + " req/s at %s, planned at %.0f %% -> needs %d",
              load,
              (lead + tickNanos) / 1e9,
              shape,
              perReplica,
              plannedTargets(budget),
              config.targetUtilization() * 100,
              needed));
      if (budget.readable()) {
        why.append(
            String.format(
                Locale.ROOT,
                " (error budget: %.0f misses unspent, %.1f %% of the horizon's %.0f first tokens"
                    + " may be late; capacity sized for %.0f %% late)",
                budget.unspent(),
                budget.missShare() * 100,
                budget.horizonRequests(),
                budget.planningShare() * 100));
      }
      int target = panic ? Math.max(needed, panicTarget) : needed;
      // The budget may hold a scale-up back; it never removes capacity: capacity removed takes a
      // lead time to come back, and a step in the load may come when the budget is spent. Removal
      // is judged at the SLO's own quantile.
      int strict = needed;
      double strictPerReplica = perReplica;
      if (model != capacity) {
        strictPerReplica = capacity.maxRatePerReplica(role, shape);
        strict =
            strictPerReplica > 0
                ? ceil(load / (strictPerReplica * config.targetUtilization()))
                : current;
      }
      // A panic's count stays in the scale-down window, so its capacity is kept for the whole
      // window, except the part that drains a backlog: that is held by panic mode alone, which
      // lasts panic.window after the last breach.
      pool.history.addLast(new long[] {now, panic ? Math.max(strict, pool.panicFloor) : strict});
      if (target < current && strict >= current) {
        why.append(
            String.format(
                Locale.ROOT,
                "; at %s it needs %d: the budget removes nothing",
                config.slo(),
                strict));
        target = current;
      }
      if (target > current) {
        desired = target;
        action = panic && panicTarget >= needed ? Action.PANIC : Action.SCALE_UP;
        if (action == Action.PANIC) {
          why.append("; panic");
        }
      } else if (target == current) {
        desired = current;
        action = Action.HOLD;
      } else {
        desired = scaleDown(now, pool, current, load, strictPerReplica, why);
        action = desired < current ? Action.SCALE_DOWN : Action.HOLD;
      }
    }
    if (desired < spec.minReplicas()) {
      why.append("; raised to minReplicas ").append(spec.minReplicas());
      desired = spec.minReplicas();
    }
    if (desired > spec.maxReplicas()) {
      why.append("; capped at maxReplicas ").append(spec.maxReplicas());
      desired = spec.maxReplicas();
    }
    if (action == Action.SCALE_UP && desired <= current) {
      action = Action.HOLD;
    }
    return new Plan(
        spec.service(),
        role,
        action,
        load,
        shape,
        perReplica,
        lead,
        needed,
        panicTarget,
        current,
        desired,
        false,
        why.toString());
  }

  /** The targets capacity was sized for: the SLO, with TTFT at the budget's quantile. */
  private String plannedTargets(Budget budget) {
    SloTargets slo = config.slo();
    if (!budget.readable() || budget.planningShare() <= allowedMissShare()) {
      return slo.toString();
    }
    SloTargets lax =
        new SloTargets(slo.ttftSeconds(), slo.itlSeconds(), 1 - budget.planningShare());
    return String.format(
        Locale.ROOT,
        "%s TTFT <= %.3f s, %s ITL <= %.3f s",
        lax.quantileName(),
        slo.ttftSeconds(),
        slo.quantileName(),
        slo.itlSeconds());
  }

  /** The share of first tokens the SLO's quantile lets miss the TTFT target. */
  private double allowedMissShare() {
    return 1 - config.slo().quantile();
  }

  /**
   * What the error budget allows over the next {@code lead + tick}: the misses a fleet could make
   * there and still keep the SLO over the period ending then. Only what the period has already seen
   * counts, nothing is borrowed from minutes to come; the budget is never read as stricter than the
   * SLO itself.
   */
  private Budget budget(long lead, double load, Signals signals) {
    if (!config.errorBudget().enabled()
        || signals.periodRequests().isFailure()
        || signals.periodMisses().isFailure()) {
      return Budget.NONE;
    }
    double allowed = allowedMissShare();
    double requests = Math.max(0, signals.periodRequests().value());
    double misses = Math.max(0, signals.periodMisses().value());
    double unspent = allowed * requests - misses;
    double observed = signals.rate().isFailure() ? 0 : Math.max(0, signals.rate().value());
    double horizon = Math.max(load, observed) * ((lead + tickNanos) / 1e9);
    // By the horizon's end the period's oldest stretch of that length has left the window, with
    // its part of the budget; where in the period the misses fell is not known, so the unspent
    // misses are taken to leave in proportion (nothing leaves while the history is shorter than
    // a period: then this errs on the safe side).
    double kept =
        Math.max(0, 1 - (double) (lead + tickNanos) / config.errorBudget().period().toNanos());
    double share = horizon > 0 ? allowed + Math.max(0, unspent) * kept / horizon : allowed;
    return Budget.of(share, allowed, unspent, horizon);
  }

  /** The replicas an observed breach asks for (0 without breach); starts or extends panic mode. */
  private int panicTarget(
      long now,
      PoolState pool,
      PoolRole role,
      int ready,
      int current,
      double perReplica,
      Signals signals,
      Budget budget,
      StringBuilder why) {
    SloTargets slo = config.slo();
    SloPlannerConfig.Panic settings = config.panic();
    List<String> breaches = new ArrayList<>();
    double severity = 1;
    boolean queueSeen = role != PoolRole.DECODE && !signals.queue().isFailure();
    double perReplicaQueue = queuePerReplica(perReplica);
    if (queueSeen && signals.queue().value() > perReplicaQueue * Math.max(1, ready)) {
      pool.lastBacklogNanos = now;
    }
    // A tail TTFT of t read over a window W describes requests that arrived within W + t. If the
    // queue was long then and is short now, the tail is that backlog's echo, not a new breach.
    boolean echo =
        queueSeen
            && !signals.ttft().isFailure()
            && pool.lastBacklogNanos != Long.MIN_VALUE
            && now - pool.lastBacklogNanos
                <= signalWindowNanos + (long) (signals.ttft().value() * 1e9)
            && signals.queue().value() <= perReplicaQueue * Math.max(1, ready);
    boolean budgeted = budget.readable() && !signals.ttftAttainment().isFailure();
    if (role != PoolRole.DECODE && budgeted && !echo) {
      // the window's late first tokens against what the budget lets the horizon have
      double late = 1 - Math.min(1, Math.max(0, signals.ttftAttainment().value()));
      if (late > budget.missShare()) {
        breaches.add(
            String.format(
                Locale.ROOT,
                "%.1f %% of first tokens later than %.2f s > the %.1f %% the error budget allows",
                late * 100,
                slo.ttftSeconds(),
                budget.missShare() * 100));
        severity =
            Math.max(
                severity,
                signals.ttft().isFailure()
                    ? late / budget.missShare()
                    : signals.ttft().value() / slo.ttftSeconds());
      }
    } else if (role != PoolRole.DECODE && !signals.ttft().isFailure() && !echo) {
      double ratio = signals.ttft().value() / slo.ttftSeconds();
      if (ratio > settings.latencyRatio()) {
        breaches.add(
            String.format(
                Locale.ROOT,
                "%s TTFT %.2f s > %.2f s target",
                slo.quantileName(),
                signals.ttft().value(),
                slo.ttftSeconds()));
        severity = Math.max(severity, ratio);
      }
    }
    if (role != PoolRole.PREFILL && !signals.itl().isFailure()) {
      double ratio = signals.itl().value() / slo.itlSeconds();
      if (ratio > settings.latencyRatio()) {
        breaches.add(
            String.format(
                Locale.ROOT,
                "%s ITL %.3f s > %.3f s target",
                slo.quantileName(),
                signals.itl().value(),
                slo.itlSeconds()));
        severity = Math.max(severity, ratio);
      }
    }
    if (role != PoolRole.DECODE && !signals.queue().isFailure()) {
      double queue = signals.queue().value();
      double limit = perReplicaQueue * Math.max(1, ready);
      if (queue > limit && signals.queueGrowing()) {
        breaches.add(
            String.format(
                Locale.ROOT,
                "queue %.0f > %.0f per ready replica and growing",
                queue,
                perReplicaQueue));
        // capacity to drain the queue within one TTFT target on top of the current load
        double drain =
            perReplica > 0
                ? 1 + queue / (slo.ttftSeconds() * perReplica * Math.max(1, ready))
                : settings.maxFactor();
        severity = Math.max(severity, drain);
      }
    }
    if (!signals.goodput().isFailure() && signals.goodput().value() < slo.quantile()) {
      breaches.add(
          String.format(
              Locale.ROOT, "goodput %.3f < %.3f", signals.goodput().value(), slo.quantile()));
      severity =
          Math.max(severity, (1 - signals.goodput().value()) / Math.max(1e-9, 1 - slo.quantile()));
    }
    if (breaches.isEmpty()) {
      return 0;
    }
    pool.panicUntil = now + panicWindowNanos;
    int target;
    if (role != PoolRole.DECODE
        && !signals.queue().isFailure()
        && !signals.rate().isFailure()
        && perReplica > 0) {
      target = drainTarget(now, pool, ready, current, perReplica, signals);
    } else {
      double factor = Math.min(settings.maxFactor(), severity);
      target = Math.max(ready + 1, ceil(ready * factor));
      pool.panicFloor = target;
      if (!signals.rate().isFailure() && perReplica > 0) {
        target =
            Math.max(
                target, ceil(signals.rate().value() / (perReplica * config.targetUtilization())));
      }
    }
    why.append(String.join(", ", breaches));
    why.append(String.format(Locale.ROOT, " with %d ready: wants %d", ready, target));
    return target;
  }

  /**
   * The replicas a breach asks for when the backlog can be seen: enough to carry what arrives and
   * to drain, within {@code panic.window} of their start, the queue as it will be when they are
   * ready (it grows by what the ready replicas cannot serve meanwhile). A tail latency is a symptom
   * of the backlog, not a measure of the capacity missing; sizing from the queue does not overshoot
   * as a latency ratio does. A breach without a backlog, or a queue that grows while the model says
   * the ready replicas suffice, means the capacity model is off here: at least one replica more
   * than are ready.
   */
  private int drainTarget(
      long now, PoolState pool, int ready, int current, double perReplica, Signals signals) {
    // While the load steps, what arrives is at least what the ready replicas carry plus what
    // piles up (flow balance): the rate reading, an average over its window, trails the step.
    double arriving =
        Math.max(
            Math.max(0, signals.rate().value()),
            signals.queueGrowthPerSecond() > 0
                ? ready * perReplica + signals.queueGrowthPerSecond()
                : 0);
    double queue = Math.max(0, signals.queue().value());
    // until the capacity already asked for is ready, or a whole lead time for capacity not yet
    // asked
    long untilReady = pool.lead.estimateNanos();
    if (current > ready && pool.lastRaisedNanos != Long.MIN_VALUE) {
      untilReady = Math.max(0, untilReady - (now - pool.lastRaisedNanos));
    }
    double backlog = queue + Math.max(0, arriving - ready * perReplica) * (untilReady / 1e9);
    double drainSeconds = Math.max(1, panicWindowNanos / 1e9);
    int target =
        Math.max(
            ceil(arriving / (perReplica * config.targetUtilization())),
            ceil((arriving + backlog / drainSeconds) / perReplica));
    pool.panicFloor = 0;
    if (queue <= queuePerReplica(perReplica) * Math.max(1, ready) || signals.queueGrowing()) {
      // evidence that the pool needs more than the model says: it stays in the scale-down window
      pool.panicFloor = ready + 1;
      target = Math.max(target, ready + 1);
    }
    return target;
  }

  /**
   * The queue per ready replica beyond which a growing queue is a breach: {@code
   * panic.queuePerReplica}, or what a replica holds in steady state at its capacity within the TTFT
   * target if that is more (Little's law: requests waiting for a first token = rate × their wait).
   */
  private double queuePerReplica(double perReplica) {
    return Math.max(config.panic().queuePerReplica(), perReplica * config.slo().ttftSeconds());
  }

  private int scaleDown(
      long now, PoolState pool, int current, double load, double perReplica, StringBuilder why) {
    if (now < pool.panicUntil) {
      why.append(
          String.format(
              Locale.ROOT,
              "; panic mode for another %.0f s: no scale-down",
              (pool.panicUntil - now) / 1e9));
      return current;
    }
    if (now < settleUntil) {
      // the forecast is the last reading alone until the step has passed the signal window
      why.append(
          String.format(
              Locale.ROOT,
              "; the load stepped: no scale-down for another %.0f s",
              (settleUntil - now) / 1e9));
      return current;
    }
    int highest = 0;
    for (Iterator<long[]> it = pool.history.iterator(); it.hasNext(); ) {
      highest = Math.max(highest, (int) it.next()[1]);
    }
    if (highest >= current) {
      why.append(
          String.format(
              Locale.ROOT,
              "; %d was asked for within the last %.0f s scale-down window: keeping %d",
              highest,
              windowNanos / 1e9,
              current));
      return current;
    }
    int survivors = Math.max(highest, ceil(load / (perReplica * config.scaleDownUtilization())));
    int step = Math.max(1, (int) Math.floor(current * config.scaleDownMaxFraction()));
    survivors = Math.max(survivors, current - step);
    if (survivors >= current) {
      why.append(
          String.format(
              Locale.ROOT,
              "; without one replica the survivors would carry the load x %d/%d = %.0f %% of"
                  + " capacity > %.0f %%: keeping %d",
              current,
              current - 1,
              100 * load / ((current - 1) * perReplica),
              config.scaleDownUtilization() * 100,
              current));
      return current;
    }
    why.append(
        String.format(
            Locale.ROOT,
            "; lower for %.0f s; the %d survivors carry the load x %d/%d = %.0f %% of capacity"
                + " (<= %.0f %%)",
            windowNanos / 1e9,
            survivors,
            current,
            survivors,
            100 * load / (survivors * perReplica),
            config.scaleDownUtilization() * 100));
    return survivors;
  }

  /** Cuts the pools to the GPU budget, the pool furthest above its share first. */
  private int[] applyBudget(int[] wanted, StringBuilder[] reasons) {
    int[] desired = wanted.clone();
    int budget = config.gpuBudget();
    if (budget == 0) {
      return desired;
    }
    List<SloPlannerConfig.Pool> specs = config.pools();
    while (gpus(desired) > budget) {
      int cut = -1;
      double worst = -1;
      for (int i = 0; i < desired.length; i++) {
        if (desired[i] <= specs.get(i).minReplicas()) {
          continue;
        }
        double share = (double) desired[i] / Math.max(1, wanted[i]);
        if (share > worst) {
          worst = share;
          cut = i;
        }
      }
      if (cut < 0) {
        break; // only minimums left; the config guarantees they fit
      }
      desired[cut]--;
    }
    for (int i = 0; i < desired.length; i++) {
      if (desired[i] < wanted[i]) {
        reasons[i].append(
            String.format(
                Locale.ROOT,
                "; GPU budget %d caps %s at %d (wanted %d)",
                budget,
                specs.get(i).service(),
                desired[i],
                wanted[i]));
      }
    }
    return desired;
  }

  private int gpus(int[] replicas) {
    int total = 0;
    for (int i = 0; i < replicas.length; i++) {
      total += replicas[i] * config.pools().get(i).gpusPerReplica();
    }
    return total;
  }

  private static int ceil(double value) {
    if (!(value > 0)) {
      return 0;
    }
    double ceil = Math.ceil(value - 1e-9);
    return ceil >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ceil;
  }

  /** Readings by name, for drivers that build observations from a map. */
  public static Map<String, MetricReading> signals(
      double rate, double inputTokens, double outputTokens) {
    return Map.of(
        PlannerSignal.REQUEST_RATE.metric(), MetricReading.of(rate),
        PlannerSignal.INPUT_TOKENS.metric(), MetricReading.of(inputTokens),
        PlannerSignal.OUTPUT_TOKENS.metric(), MetricReading.of(outputTokens));
  }
}
