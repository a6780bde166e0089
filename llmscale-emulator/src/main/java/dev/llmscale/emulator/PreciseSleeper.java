package dev.llmscale.emulator;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeps until a {@link System#nanoTime()} deadline with microsecond precision: parks for all but
 * the last stretch, then spins. A park overshoots by 70 to 130 µs at the median on the VMs measured
 * (more on a loaded host), so the spin covers up to 250 µs; it shrinks for short sleeps so that a
 * sped-up engine with millisecond steps does not burn a core.
 */
final class PreciseSleeper {
  static final long MAX_SPIN_NANOS = 250_000;
  static final long MIN_SPIN_NANOS = 50_000;

  private PreciseSleeper() {}

  /**
   * @param periodNanos the length of the whole wait (a step's duration); the spin is 1/16 of it,
   *     within [50, 250] µs, i.e. at most about 6 % of a core
   */
  static void sleepUntil(long deadlineNanos, long periodNanos) {
    long spin = Math.clamp(periodNanos / 16, MIN_SPIN_NANOS, MAX_SPIN_NANOS);
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      if (left > spin) {
        LockSupport.parkNanos(left - spin);
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
