package dev.llmscale.emulator;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Whether the server takes generation requests (not while the emulated model loads, nor once it
 * drains or the engine has died), and how many accepted requests are still in flight, which is what
 * a drain waits for. Thread-safe.
 */
final class AdmissionGate {
  private final long readyAtNanos;
  private final BooleanSupplier engineAlive;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean loaded;
  private volatile boolean draining;

  AdmissionGate(long readyAtNanos, BooleanSupplier engineAlive) {
    this.readyAtNanos = readyAtNanos;
    this.engineAlive = engineAlive;
  }

  /** Past the startup delay. */
  boolean loaded() {
    if (!loaded && System.nanoTime() - readyAtNanos >= 0) {
      loaded = true;
    }
    return loaded;
  }

  /** What {@code /health} reports: loaded, not draining, engine running. */
  boolean healthy() {
    return loaded() && !draining && engineAlive.getAsBoolean();
  }

  /** Why a new generation request is refused now, or null when it is welcome. */
  ApiError refusal() {
    if (draining) {
      return ApiError.unavailable("The server is shutting down and takes no new requests.");
    }
    if (!loaded()) {
      return ApiError.unavailable("The model is still loading; retry when /health returns 200.");
    }
    if (!engineAlive.getAsBoolean()) {
      return ApiError.unavailable("The engine has stopped.");
    }
    return null;
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

  void startDraining() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }

  /**
   * Waits until no accepted request is in flight; call after {@link #startDraining()}.
   *
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
