package dev.llmscale.loadgen;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures how long the client's event loops take to pick up work handed to them: the loadgen's own
 * bottleneck check. Every 5 ms a probe thread hands each loop a task stamped with the time it was
 * handed over; the task records how much later it ran. That is the delay a chunk arriving at that
 * moment would have waited before the loop stamped it (a busy loop, or one starved of CPU by the
 * server or the GC), so a lag p99 well above a millisecond means the client, not the server, shaped
 * the tail of TTFT and ITL. An idle loop on an idle machine picks a task up in tens of µs.
 */
final class LoopLagProbe {
  private static final long PERIOD_NANOS = 5_000_000L;

  private final List<EventLoop> loops;
  private final Recorder recorder = new Recorder(3);
  private final Thread thread;
  private volatile boolean running = true;

  LoopLagProbe(List<EventLoop> loops) {
    this.loops = List.copyOf(loops);
    this.thread = new Thread(this::probe, "llmscale-loadgen-lag-probe");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops probing and returns every lag recorded, in nanoseconds. */
  Histogram stop() {
    running = false;
    LockSupport.unpark(thread);
    return recorder.getIntervalHistogram();
  }

  private void probe() {
    long next = System.nanoTime();
    while (running) {
      next += PERIOD_NANOS;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        next = System.nanoTime(); // fell behind (suspended): do not burst to catch up
      }
      if (!running) {
        return;
      }
      for (EventLoop loop : loops) {
        long handed = System.nanoTime();
        try {
          loop.execute(() -> recorder.recordValue(Math.max(0, System.nanoTime() - handed)));
        } catch (RejectedExecutionException e) {
          return; // the client shut down first (the run failed): nothing left to measure
        }
      }
    }
  }
}
