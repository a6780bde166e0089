package dev.llmscale.sim.fleet;

import dev.llmscale.core.engine.EngineRequest;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.EngineSnapshot;
import dev.llmscale.core.engine.FinishedRequest;
import dev.llmscale.core.engine.ScheduledStep;
import dev.llmscale.core.engine.StepOutcome;
import dev.llmscale.core.engine.TokenEvent;
import dev.llmscale.sim.EventSink;
import dev.llmscale.sim.SimEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine replica: its lifecycle state and the core {@link EngineScheduler} it runs in virtual
 * time. The step protocol is the emulator's, with the clock replaced by events: {@code
 * schedule(now)} plans a step, a {@link SimEvent.StepEnd} at its end time hands it back to {@code
 * complete}, and an idle engine with work due later (a request still in its overhead) sets a {@link
 * SimEvent.EngineWake}.
 */
public final class Replica {
  private static final long RETRY_NANOS = 1_000_000L;

  private final int ordinal;
  private final String id;
  private final EngineScheduler engine;
  private final EventSink events;
  private final long createdNanos;
  private final Map<String, SimRequest> requests = new HashMap<>();

  private ReplicaState state = ReplicaState.PENDING;
  private Node node;
  private long readyNanos = -1;
  private long placedNanos = -1;
  private long goneNanos = -1;
  private ScheduledStep step;
  private long wakeNanos = Long.MAX_VALUE;

  public Replica(int ordinal, ReplicaSpec spec, EventSink events, long createdNanos) {
    this.ordinal = ordinal;
    this.id = "replica-" + ordinal;
    this.engine = new EngineScheduler(spec.engine(), spec.performance());
    this.events = events;
    this.createdNanos = createdNanos;
  }

  public int ordinal() {
    return ordinal;
  }

  public String id() {
    return id;
  }

  public ReplicaState state() {
    return state;
  }

  public Node node() {
    return node;
  }

  public long createdNanos() {
    return createdNanos;
  }

  /** When it became ready, or -1. */
  public long readyNanos() {
    return readyNanos;
  }

  /** Requests sent here and not yet finished. */
  public int inFlight() {
    return requests.size();
  }

  /** True while a request is waiting, running or in its overhead, or a step is in flight. */
  public boolean hasWork() {
    return step != null || engine.hasWork();
  }

  /** The engine's gauges now, as its {@code /metrics} would show them. */
  public EngineSnapshot snapshot() {
    return engine.snapshot();
  }

  /** Seconds it held its node's GPUs within {@code [0, untilNanos]}. */
  public double placedSeconds(long untilNanos) {
    if (placedNanos < 0) {
      return 0;
    }
    long end = goneNanos >= 0 ? Math.min(goneNanos, untilNanos) : untilNanos;
    return Math.max(0, end - placedNanos) / 1e9;
  }

  void state(ReplicaState next, long nowNanos) {
    state = next;
    if (next == ReplicaState.READY) {
      readyNanos = nowNanos;
    } else if (next == ReplicaState.GONE) {
      goneNanos = nowNanos;
    }
  }

  void node(Node value, long nowNanos) {
    node = value;
    placedNanos = nowNanos;
  }

  /** The gateway sends {@code request} here. */
  public void accept(SimRequest request, long nowNanos, boolean queued) {
    request.dispatched(this, nowNanos, queued);
    requests.put(request.id(), request);
    engine.add(
        new EngineRequest(
            request.id(),
            request.inputTokens(),
            request.blockHashes(),
            request.outputTokens(),
            nowNanos));
    kick(nowNanos);
  }

  /** The client went away: the engine frees the request's blocks at once. */
  public void cancel(SimRequest request, long nowNanos) {
    if (requests.remove(request.id()) != null) {
      engine.cancel(request.id(), nowNanos);
    }
  }

  /** Cancels everything still here (the drain grace period is over); returns what was cut. */
  List<SimRequest> cancelAll(long nowNanos) {
    List<SimRequest> cut = new ArrayList<>(requests.values());
    cut.sort((a, b) -> Long.compare(a.index(), b.index()));
    for (SimRequest request : cut) {
      cancel(request, nowNanos);
    }
    return cut;
  }

  /** Handles {@link SimEvent.StepEnd}: completes the step, reports tokens, plans the next. */
  public void stepEnded(ScheduledStep ended, long nowNanos, EngineListener listener) {
    if (ended != step) {
      throw new IllegalStateException(id + ": not the step in flight");
    }
    step = null;
    StepOutcome outcome = engine.complete(ended);
    for (TokenEvent token : outcome.tokens()) {
      SimRequest request = requests.get(token.requestId());
      if (request == null) {
        continue;
      }
      long gap = request.token(nowNanos);
      if (gap < 0) {
        listener.firstToken(request, nowNanos);
      } else {
        listener.nextToken(request, gap, nowNanos);
      }
    }
    for (FinishedRequest finished : outcome.finished()) {
      SimRequest request = requests.remove(finished.id());
      if (request != null) {
        listener.completed(request, nowNanos);
      }
    }
    kick(nowNanos);
  }

  /** Handles {@link SimEvent.EngineWake}. */
  public void woken(long nowNanos) {
    if (nowNanos >= wakeNanos) {
      wakeNanos = Long.MAX_VALUE;
    }
    kick(nowNanos);
  }

  /** Starts a step if the engine is idle and has work; else sets a wake-up for when it will. */
  private void kick(long nowNanos) {
    if (step != null) {
      return;
    }
    Optional<ScheduledStep> next = engine.schedule(nowNanos);
    if (next.isPresent()) {
      step = next.get();
      events.schedule(step.endNanos(), new SimEvent.StepEnd(this, step));
      return;
    }
    long due = engine.nextWorkNanos(nowNanos);
    if (due == Long.MAX_VALUE) {
      return;
    }
    if (due <= nowNanos) {
      due = nowNanos + RETRY_NANOS; // due now yet nothing fits (no KV room): retry shortly
    }
    if (due < wakeNanos) {
      wakeNanos = due;
      events.schedule(due, new SimEvent.EngineWake(this));
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
