package dev.llmscale.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the generation requests in flight through the gateway and, once the gateway drains,
 * refuses new ones and lets {@link #awaitIdle} wait for the rest. Thread-safe.
 */
final class ShutdownGate {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  boolean draining() {
    return draining;
  }

  void startDraining() {
    draining = true;
  }

  void acquire() {
    inFlight.incrementAndGet();
  }

  void release() {
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * @return false on timeout
   */
  boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
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
