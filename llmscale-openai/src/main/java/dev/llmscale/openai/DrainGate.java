package dev.llmscale.openai;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the generation requests in flight and, once the server drains, lets {@link #awaitIdle}
 * wait for the last of them. Handlers refuse new requests while {@link #draining()}. Thread-safe.
 */
public class DrainGate {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  public final boolean draining() {
    return draining;
  }

  public final void startDraining() {
    draining = true;
  }

  /** A request was accepted; pair with one {@link #release()} when it is answered. */
  public final void acquire() {
    inFlight.incrementAndGet();
  }

  public final void release() {
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** Accepted requests not yet answered. */
  public final int inFlight() {
    return inFlight.get();
  }

  /**
   * Waits until no accepted request is in flight; call after {@link #startDraining()}.
   *
   * @return false on timeout
   */
  public final boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (idle) {
      long left;
      while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return inFlight.get() == 0;
    }
  }
}
