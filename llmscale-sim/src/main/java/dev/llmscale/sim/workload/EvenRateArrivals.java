package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.ArrivalProcess;

/**
 * Arrivals spaced evenly at the profile's current rate ({@code 1 / rate(t)} apart), with no
 * randomness: a load generator at a fixed request rate. A stretch of zero rate is skipped in steps
 * of one second. Arrivals end at {@code endNanos}.
 */
public final class EvenRateArrivals implements ArrivalProcess {
  private static final long IDLE_PROBE_NANOS = 1_000_000_000L;

  private final RateProfile profile;
  private final long endNanos;
  private double seconds = -1;

  public EvenRateArrivals(RateProfile profile, long endNanos) {
    this.profile = profile;
    this.endNanos = endNanos;
  }

  @Override
  public long nextArrivalNanos() {
    while (true) {
      if (seconds < 0) {
        seconds = 0;
      } else {
        double rate = profile.ratePerSecond(Math.round(seconds * 1e9));
        seconds += rate > 0 ? 1 / rate : IDLE_PROBE_NANOS / 1e9;
      }
      long nanos = Math.round(seconds * 1e9);
      if (nanos >= endNanos) {
        return NONE;
      }
      if (profile.ratePerSecond(nanos) > 0) {
        return nanos;
      }
    }
  }
}
