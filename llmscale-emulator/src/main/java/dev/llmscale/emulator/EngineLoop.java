package dev.llmscale.emulator;

import dev.llmscale.core.engine.EngineRequest;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.FinishReason;
import dev.llmscale.core.engine.FinishedRequest;
import dev.llmscale.core.engine.ScheduledStep;
import dev.llmscale.core.engine.StepOutcome;
import dev.llmscale.core.engine.TokenEvent;
import dev.llmscale.openai.ApiError;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the pure {@link EngineScheduler} with the wall clock on one dedicated thread, its only
 * owner. Event loops hand requests and cancels over through a lock-free queue; the thread applies
 * them at step boundaries, plans a step, sleeps precisely until the step's end, completes it and
 * sends each event loop its tokens in one batch. It parks when there is nothing to do.
 */
final class EngineLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

  /**
   * A step that starts at most this late after the previous one is treated as back to back, so the
   * engine thread's own dispatch time does not stretch the modelled inter-token latency; a later
   * start (a GC pause, an overloaded host) restarts from now instead of bursting to catch up.
   */
  private static final long CATCH_UP_NANOS = 1_000_000;

  /** Back-off when the scheduler holds work but plans no step (should not happen; no spinning). */
  private static final long STALLED_PARK_NANOS = 1_000_000;

  private final EngineScheduler scheduler;
  private final long requestOverheadNanos;
  private final EngineObserver observer;
  private final EventExecutor[] eventLoops;
  private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  // Engine thread only.
  private final Map<String, GenerationStream> active = new HashMap<>();
  private final TokenBatch[] batches;

  /** Scratch: the stream of each token of the step being dispatched. */
  private GenerationStream[] owners = new GenerationStream[64];

  /** True while the engine thread is parked waiting for a command; submitters unpark it then. */
  private volatile boolean idle;

  private volatile EngineStatus status;
  private volatile boolean alive = true;

  /**
   * @param requestOverheadNanos the performance model's per-request overhead in wall time, which
   *     the scheduler waits out before admitting a request and which is not queueing
   */
  EngineLoop(
      EngineScheduler scheduler,
      long requestOverheadNanos,
      EngineObserver observer,
      EventExecutor[] eventLoops) {
    this.scheduler = scheduler;
    this.requestOverheadNanos = requestOverheadNanos;
    this.observer = observer;
    this.eventLoops = eventLoops.clone();
    this.batches = new TokenBatch[eventLoops.length];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = new TokenBatch(16);
    }
    this.status = new EngineStatus(scheduler.snapshot(), scheduler.counters());
    this.thread = new Thread(this::run, "llmscale-engine");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a request; the stream gets its tokens on its event loop. Any thread. */
  void submit(GenerationStream stream, EngineRequest request) {
    send(new Submit(stream, request));
  }

  /** Drops a request wherever it is and frees its KV blocks. Any thread. */
  void cancel(GenerationStream stream) {
    send(new Cancel(stream));
  }

  /**
   * Cancels every request, ends the thread and waits for it.
   *
   * @return false if the thread did not end within the timeout
   */
  boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
    send(new Stop());
    thread.join(Math.max(1, unit.toMillis(timeout)));
    return !thread.isAlive();
  }

  /** The latest gauges and counters, published before each step's tokens are handed out. */
  EngineStatus status() {
    return status;
  }

  /** False once the engine thread has ended (stopped, or failed). */
  boolean alive() {
    return alive;
  }

  private void send(Command command) {
    commands.add(command);
    // Pairs with the idle flag in awaitCommandUntil(): a command added before the engine parks is
    // seen by its re-check, one added after sees idle == true and unparks it.
    if (idle) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    try {
      loop();
    } catch (Throwable t) {
      LOG.error("engine loop failed; ending all streams", t);
    } finally {
      alive = false;
      abortAll();
      publish();
    }
  }

  private void loop() {
    boolean backToBack = false;
    long lastEnd = 0;
    while (applyCommands()) {
      publish();
      long now = System.nanoTime();
      long start = backToBack && now - lastEnd <= CATCH_UP_NANOS ? lastEnd : now;
      Optional<ScheduledStep> planned = scheduler.schedule(start);
      if (planned.isEmpty()) {
        backToBack = false;
        // Idle, or the queue's head is still in its request overhead: sleep until it is ready or a
        // command arrives.
        awaitCommandUntil(scheduler.nextWorkNanos(System.nanoTime()));
        continue;
      }
      ScheduledStep step = planned.get();
      PreciseSleeper.sleepUntil(step.endNanos(), step.endNanos() - step.startNanos());
      StepOutcome outcome = scheduler.complete(step);
      lastEnd = step.endNanos();
      backToBack = true;
      // Publish before any token leaves, so a client that has its last token also sees the
      // request counted as finished.
      publish();
      dispatch(outcome);
    }
  }

  private void awaitCommandUntil(long deadlineNanos) {
    if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
      // Work is due now yet no step was planned; back off rather than spin (should not happen).
      LockSupport.parkNanos(this, STALLED_PARK_NANOS);
      return;
    }
    idle = true;
    while (commands.isEmpty()) {
      if (deadlineNanos == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(this, left);
      }
    }
    idle = false;
  }

  /**
   * Applies every queued command.
   *
   * @return false on stop
   */
  private boolean applyCommands() {
    Command command;
    while ((command = commands.poll()) != null) {
      switch (command) {
        case Submit submit -> admit(submit.stream(), submit.request());
        case Cancel cancel -> {
          String id = cancel.stream().id();
          if (active.remove(id) != null) {
            scheduler.cancel(id, System.nanoTime());
          }
        }
        case Stop stop -> {
          return false;
        }
      }
    }
    return true;
  }

  private void admit(GenerationStream stream, EngineRequest request) {
    try {
      scheduler.add(request);
      stream.queuedNanos = System.nanoTime();
      active.put(request.id(), stream);
    } catch (IllegalArgumentException e) {
      // The parser checks the context length first; this is a safety net (e.g. a duplicate id).
      ApiError error = ApiError.invalid(e.getMessage(), null, null);
      eventLoops[stream.loopIndex()].execute(() -> stream.fail(error));
    }
  }

  /**
   * Hands each event loop its tokens first, so writing starts as early as possible, then does the
   * bookkeeping (latency metrics, finished requests) while the event loops write.
   */
  private void dispatch(StepOutcome outcome) {
    List<TokenEvent> tokens = outcome.tokens();
    if (owners.length < tokens.size()) {
      owners = new GenerationStream[Math.max(tokens.size(), owners.length * 2)];
    }
    for (int i = 0; i < tokens.size(); i++) {
      TokenEvent token = tokens.get(i);
      GenerationStream stream = active.get(token.requestId());
      owners[i] = stream;
      // A non-streaming response only needs its last token.
      if (stream != null && (stream.streaming() || token.last())) {
        batches[stream.loopIndex()].add(stream, token);
      }
    }
    for (int i = 0; i < batches.length; i++) {
      TokenBatch batch = batches[i];
      if (!batch.isEmpty()) {
        // The event loop owns the batch from here on; start a fresh one of the same size.
        batches[i] = new TokenBatch(batch.size());
        eventLoops[i].execute(batch);
      }
    }

    for (FinishedRequest finished : outcome.finished()) {
      GenerationStream stream = active.get(finished.id());
      if (stream != null && finished.reason() != FinishReason.ABORT) {
        // Queue time as vLLM measures it: from the engine's intake, once the request overhead
        // (API server, tokenizing) is over, to the first step.
        long queued = Math.max(stream.queuedNanos, stream.arrivalNanos() + requestOverheadNanos);
        observer.finished(finished, seconds(finished.firstScheduledNanos() - queued));
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      GenerationStream stream = owners[i];
      owners[i] = null;
      if (stream == null) {
        continue;
      }
      TokenEvent token = tokens.get(i);
      if (token.index() == 0) {
        observer.firstToken(seconds(token.timeNanos() - stream.arrivalNanos()));
      } else {
        observer.interToken(seconds(token.timeNanos() - stream.lastTokenNanos));
      }
      stream.lastTokenNanos = token.timeNanos();
      if (token.last()) {
        active.remove(token.requestId());
      }
    }
  }

  private void abortAll() {
    long now = System.nanoTime();
    for (GenerationStream stream : new ArrayList<>(active.values())) {
      scheduler.cancel(stream.id(), now);
      try {
        eventLoops[stream.loopIndex()].execute(stream::abort);
      } catch (RejectedExecutionException e) {
        // The event loops are already shut down, and the channel with them.
      }
    }
    active.clear();
  }

  private void publish() {
    status = new EngineStatus(scheduler.snapshot(), scheduler.counters());
  }

  private static double seconds(long nanos) {
    return Math.max(0, nanos) / 1e9;
  }

  private sealed interface Command permits Submit, Cancel, Stop {}

  private record Submit(GenerationStream stream, EngineRequest request) implements Command {}

  private record Cancel(GenerationStream stream) implements Command {}

  private record Stop() implements Command {}
}
