package dev.llmscale.loadgen;

import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.WorkloadRequest;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends a {@link LoadPlan}'s requests: at their arrival times (open loop) or whenever one of a
 * fixed number of slots frees (closed loop), until the run limit, then waits for the requests in
 * flight (cancelling them when a duration-limited run's grace period ends). Confined to the first
 * event loop of the client; requests are spread over all loops round robin. A request's body is
 * built when its arrival is planned, before it is due, so building it does not delay sending.
 */
final class Dispatcher {
  /** Overdue sends in a row before the dispatcher yields the loop to I/O. */
  private static final int MAX_BURST = 64;

  private final OpenAiClient client;
  private final LoadPlan plan;
  private final RequestBodyWriter bodies;
  private final Consumer<RequestRecord> sink;
  private final EventLoop home;
  private final List<Set<Exchange>> active = new ArrayList<>();
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger inFlightGauge = new AtomicInteger();

  private long runStartNanos;
  private long planned;
  private long sent;
  private long unsent;
  private int inFlight;
  private int nextLoop;
  private boolean sendingDone;
  private volatile long sentGauge;

  private record Queued(PreparedRequest request, long dueNanos) {}

  Dispatcher(
      OpenAiClient client, LoadPlan plan, RequestBodyWriter bodies, Consumer<RequestRecord> sink) {
    this.client = client;
    this.plan = plan;
    this.bodies = bodies;
    this.sink = sink;
    this.home = client.loop(0);
    for (int i = 0; i < client.loopCount(); i++) {
      active.add(new HashSet<>());
    }
  }

  /** Starts sending; the run's time 0 is {@code runStartNanos}. */
  void start(long runStartNanos) {
    this.runStartNanos = runStartNanos;
    home.execute(this::begin);
  }

  /** Waits for the end of the run: all sent requests finished or cancelled. */
  boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  int inFlight() {
    return inFlightGauge.get();
  }

  /** Requests sent so far (any thread). */
  long sent() {
    return sentGauge;
  }

  /** Arrivals dropped from the client-side queue at the end of a duration-limited run. */
  long unsent() {
    return unsent;
  }

  /** Stops sending and cancels what is in flight (Ctrl-C). Any thread. */
  void abort() {
    home.execute(
        () -> {
          stopSending(true);
          cancelAll();
        });
  }

  private void begin() {
    RunLimit limit = plan.limit();
    limit
        .duration()
        .ifPresent(
            d ->
                home.schedule(
                    () -> {
                      stopSending(true);
                      home.schedule(
                          this::cancelAll, plan.gracePeriod().toNanos(), TimeUnit.NANOSECONDS);
                    },
                    runStartNanos + d.toNanos() - System.nanoTime(),
                    TimeUnit.NANOSECONDS));
    if (plan.arrivals().isPresent()) {
      planNext();
    } else {
      for (int i = 0; i < plan.concurrency() && !sendingDone; i++) {
        sendNextClosedLoop();
      }
    }
    checkFinished();
  }

  /** Open loop: plans arrivals one at a time, sending the overdue ones at once. */
  private void planNext() {
    ArrivalProcess arrivals = plan.arrivals().orElseThrow();
    for (int burst = 0; !sendingDone; burst++) {
      if (burst == MAX_BURST) {
        home.execute(this::planNext);
        return;
      }
      long at = arrivals.nextArrivalNanos();
      if (at == ArrivalProcess.NONE || !plan.limit().allowsAnother(planned, at)) {
        stopSending(false);
        return;
      }
      Optional<WorkloadRequest> next = plan.workload().next();
      if (next.isEmpty()) {
        stopSending(false);
        return;
      }
      planned++;
      PreparedRequest request = bodies.prepare(next.get());
      long due = runStartNanos + at;
      long delay = due - System.nanoTime();
      if (delay > 0) {
        home.schedule(
            () -> {
              release(request, due);
              planNext();
            },
            delay,
            TimeUnit.NANOSECONDS);
        return;
      }
      release(request, due);
    }
  }

  private void release(PreparedRequest request, long due) {
    if (plan.concurrency() > 0 && inFlight >= plan.concurrency()) {
      queue.addLast(new Queued(request, due));
    } else {
      send(request, due);
    }
  }

  /** Closed loop: sends the next request now, if the limit allows another. */
  private void sendNextClosedLoop() {
    long now = System.nanoTime();
    if (sendingDone || !plan.limit().allowsAnother(sent, now - runStartNanos)) {
      stopSending(false);
      return;
    }
    Optional<WorkloadRequest> next = plan.workload().next();
    if (next.isEmpty()) {
      stopSending(false);
      return;
    }
    send(bodies.prepare(next.get()), now);
  }

  private void send(PreparedRequest request, long due) {
    inFlight++;
    inFlightGauge.incrementAndGet();
    sent++;
    sentGauge = sent;
    int index = nextLoop;
    nextLoop = (nextLoop + 1) % client.loopCount();
    EventLoop loop = client.loop(index);
    if (loop.inEventLoop()) {
      sendOn(index, request, due);
    } else {
      loop.execute(() -> sendOn(index, request, due));
    }
  }

  private void sendOn(int loopIndex, PreparedRequest request, long due) {
    Set<Exchange> mine = active.get(loopIndex);
    Exchange[] self = new Exchange[1];
    self[0] =
        client.send(
            loopIndex,
            request,
            due,
            record -> {
              if (self[0] != null) {
                mine.remove(self[0]);
              }
              sink.accept(record);
              // Always a new task: a request that fails at once must not recurse into the next.
              home.execute(this::completed);
            });
    if (!self[0].finished()) {
      mine.add(self[0]);
    }
  }

  private void completed() {
    inFlight--;
    inFlightGauge.decrementAndGet();
    if (!queue.isEmpty()) {
      Queued next = queue.pollFirst();
      send(next.request(), next.dueNanos());
    } else if (plan.arrivals().isEmpty()) {
      sendNextClosedLoop();
    }
    checkFinished();
  }

  /**
   * @param timeUp the duration limit passed: queued arrivals are dropped, not sent
   */
  private void stopSending(boolean timeUp) {
    sendingDone = true;
    if (timeUp) {
      unsent += queue.size();
      queue.clear();
    }
    checkFinished();
  }

  private void cancelAll() {
    for (int i = 0; i < active.size(); i++) {
      Set<Exchange> exchanges = active.get(i);
      client.loop(i).execute(() -> new ArrayList<>(exchanges).forEach(Exchange::cancel));
    }
  }

  private void checkFinished() {
    if (sendingDone && inFlight == 0 && queue.isEmpty()) {
      finished.countDown();
    }
  }
}
