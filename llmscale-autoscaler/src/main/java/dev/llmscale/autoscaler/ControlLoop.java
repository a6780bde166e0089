package dev.llmscale.autoscaler;

import dev.llmscale.autoscaler.source.MetricQuery;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.Observation;
import dev.llmscale.core.policy.ScalingDecision;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ServiceDecision;
import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.core.policy.SloPlanner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a core {@link ScalingPolicy} on the wall clock: at each tick it reads every scale target
 * and every metric, hands them to the policy, writes the counts that changed (unless in dry run),
 * and logs and exports what it saw and did. It sleeps until the time the policy asks to run next.
 *
 * <p>The policy is the same object the simulator drives in virtual time; this class adds only I/O.
 * A failed metric poll reaches the policy as a failed reading (fallback, hold), never as zero. A
 * scale target that cannot be read skips the tick, which is retried shortly.
 */
public final class ControlLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
  static final Duration RETRY_AFTER_UNREADABLE_TARGET = Duration.ofSeconds(2);

  private final ScalingPolicy policy;
  private final MetricSource source;
  private final List<MetricQuery> queries;
  private final Map<String, ScaleTarget> targets;
  private final boolean dryRun;
  private final DecisionLog log;
  private final AutoscalerMetrics metrics;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final Object lock = new Object();
  private volatile TickRecord lastTick;
  private Thread thread;
  private volatile boolean closed;

  /**
   * @param targets one scale target per service the policy scales
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public ControlLoop(
      ScalingPolicy policy,
      MetricSource source,
      List<MetricQuery> queries,
      List<ScaleTarget> targets,
      boolean dryRun,
      DecisionLog log,
      AutoscalerMetrics metrics,
      LongSupplier nanoClock,
      Clock wallClock) {
    this.policy = policy;
    this.source = source;
    this.queries = List.copyOf(queries);
    this.dryRun = dryRun;
    this.log = log;
    this.metrics = metrics;
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
    this.targets = new LinkedHashMap<>();
    for (ScaleTarget target : targets) {
      this.targets.put(target.service(), target);
    }
    for (String service : policy.services()) {
      if (!this.targets.containsKey(service)) {
        throw new IllegalArgumentException(
            "no scale target for service '"
                + service
                + "' (targets: "
                + this.targets.keySet()
                + ")");
      }
    }
  }

  /**
   * Runs one tick now.
   *
   * @return what it saw and did, or empty if a scale target could not be read
   */
  public Optional<TickRecord> tick() {
    synchronized (lock) {
      return tickAt(nanoClock.getAsLong()).map(TickResult::record);
    }
  }

  /** The last tick's record, or null before the first. */
  public TickRecord lastTick() {
    return lastTick;
  }

  /** Starts ticking on a daemon thread until {@link #close}. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofPlatform().daemon().name("llmscale-autoscaler").start(this::run);
  }

  private void run() {
    while (!closed) {
      long sleepNanos;
      synchronized (lock) {
        long now = nanoClock.getAsLong();
        Optional<TickResult> result;
        try {
          result = tickAt(now);
        } catch (RuntimeException e) {
          LOG.error("autoscaler tick failed; retrying", e);
          result = Optional.empty();
        }
        sleepNanos =
            result
                .map(r -> r.nextTickNanos() - nanoClock.getAsLong())
                .orElse(RETRY_AFTER_UNREADABLE_TARGET.toNanos());
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, sleepNanos));
      } catch (InterruptedException e) {
        return; // closed
      }
    }
  }

  private record TickResult(TickRecord record, long nextTickNanos) {}

  private Optional<TickResult> tickAt(long now) {
    long started = System.nanoTime();
    Map<String, ServiceState> states = new LinkedHashMap<>();
    for (String service : policy.services()) {
      try {
        states.put(service, targets.get(service).read());
      } catch (ScaleTargetException e) {
        LOG.warn("cannot read the scale target of {}: {}; tick skipped", service, e.getMessage());
        metrics.scaleTargetUnreadable(service);
        return Optional.empty();
      }
    }
    Map<String, MetricReading> readings = new LinkedHashMap<>();
    for (MetricQuery query : queries) {
      readings.put(query.name(), source.read(query));
    }

    ScalingDecision decision = policy.tick(now, new Observation(states, readings));

    List<TickRecord.ServiceRecord> services = new ArrayList<>();
    for (ServiceDecision d : decision.services()) {
      ServiceState state = states.get(d.service());
      TickRecord.Outcome outcome = TickRecord.Outcome.UNCHANGED;
      String error = null;
      if (d.desiredReplicas() != state.replicas()) {
        if (dryRun) {
          outcome = TickRecord.Outcome.DRY_RUN;
        } else {
          try {
            targets.get(d.service()).scale(d.desiredReplicas());
            outcome = TickRecord.Outcome.SCALED;
          } catch (ScaleTargetException e) {
            outcome = TickRecord.Outcome.FAILED;
            error = e.getMessage();
            LOG.warn("scaling {} to {} failed: {}", d.service(), d.desiredReplicas(), error);
          }
        }
      }
      services.add(
          new TickRecord.ServiceRecord(
              d.service(),
              state.replicas(),
              state.statusReplicas(),
              state.readyReplicas(),
              d.desiredReplicas(),
              outcome,
              d.reason(),
              forecast(d.service()),
              error));
    }
    TickRecord record =
        new TickRecord(
            wallClock.instant(),
            policy.kind(),
            readings,
            services,
            (System.nanoTime() - started) / 1e9);
    lastTick = record;
    log.record(record);
    metrics.recordTick(record, source.name());
    return Optional.of(new TickResult(record, decision.nextTickNanos()));
  }

  private TickRecord.Forecast forecast(String service) {
    if (!(policy instanceof SloPlanner planner)) {
      return null;
    }
    SloPlanner.Plan plan = planner.lastPlan(service);
    if (plan == null) {
      return null;
    }
    return new TickRecord.Forecast(
        plan.forecastRate(),
        plan.capacityPerReplica(),
        plan.leadTimeNanos() / 1e9,
        plan.action().name());
  }

  /** Stops ticking; the targets and the source stay open (their owner closes them). */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
