package dev.llmscale.sim.oracle;

import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.NodePoolConfig;
import java.util.Arrays;
import java.util.Locale;

/**
 * What changing the fleet's size costs a plan beyond its replicas' windows, in GPU-seconds, and
 * when it may first grow: the part of the lifecycle and billing rules no fleet escapes.
 *
 * <p>Take any fleet, and for each node the stretch from the first instant a replica on it is ready
 * to the last (gaps in between counted as ready: the node is billed through them anyway, and a
 * ready replica never adds misses). Let {@code n_w} be the most stretches open at any instant of
 * window {@code w}: at least the replicas ready then. With one replica per node and no warm buffer,
 * a node that did not exist at the start was asked for at least {@code S} before its first ready
 * instant ({@code S} = the least provisioning delay + the least image pull, a new node never has
 * the image, + the least model load), and a node whose last replica left is billed for {@code
 * consolidateAfter} more ({@code C}), both cut by the run's ends. A stretch seen in windows {@code
 * a..b} is therefore billed at least {@code max(0, b − a − 1) · L + S + C}, which is at least
 * {@code (b − a + 1) · L + (S − L) + (C − L)}: its windows, plus {@code S − L} for its start and
 * {@code C − L} for its end (the {@code − L}s because its ready instants may sit anywhere in its
 * first and last windows). Summed over the stretches, and with as many starts as the plan's
 * increases at least, that is the plan's cost below when {@code S ≥ L} and {@code C ≥ L}. When a
 * delay is shorter than a window its term is zero and the bound rests, as the per-window bound
 * always has, on sizes changing only at window boundaries.
 *
 * @param initial nodes' worth of replicas at the start (the run's initial nodes): window 0 has at
 *     least these
 * @param startGpuSeconds charged per replica a window adds
 * @param stopGpuSeconds charged per replica removed at the boundary before window {@code j} (index
 *     0 unused)
 * @param firstGrowth the first window that can have more replicas than the one before
 * @param why how these were derived, for reports
 */
public record SwitchingCosts(
    int initial, double startGpuSeconds, double[] stopGpuSeconds, int firstGrowth, String why) {

  public SwitchingCosts {
    if (initial < 0 || !(startGpuSeconds >= 0) || firstGrowth < 0) {
      throw new IllegalArgumentException("switching costs must be >= 0");
    }
    stopGpuSeconds = stopGpuSeconds.clone();
    for (double stop : stopGpuSeconds) {
      if (!(stop >= 0)) {
        throw new IllegalArgumentException("switching costs must be >= 0");
      }
    }
  }

  @Override
  public double[] stopGpuSeconds() {
    return stopGpuSeconds.clone();
  }

  double stop(int boundary) {
    return stopGpuSeconds[boundary];
  }

  /** Free changes at every boundary from an empty start: the per-window bound. */
  public static SwitchingCosts none(int windows) {
    return new SwitchingCosts(0, 0, new double[windows], 0, "sizes change for free");
  }

  /** The costs the scenario's lifecycle and node pool impose on {@code windows} windows. */
  public static SwitchingCosts of(SimulationSetup setup, long windowNanos, int windows) {
    FleetConfig fleet = setup.fleet();
    NodePoolConfig pool = fleet.nodePool();
    int gpus = fleet.replica().gpus();
    if (pool.gpusPerNode() != gpus || pool.warmNodes() > 0) {
      // a replica may land on a GPU that was billed idle before: only the free bound is safe
      SwitchingCosts none = none(windows);
      return new SwitchingCosts(
          0,
          0,
          none.stopGpuSeconds,
          0,
          "sizes change for free (nodes of several replicas or a warm buffer: no start-up or"
              + " consolidation cost is certain)");
    }
    long start =
        pool.provisioning().minNanos()
            + fleet.lifecycle().imagePull().minNanos()
            + fleet.lifecycle().modelLoad().minNanos();
    long consolidate = pool.consolidateAfterNanos();
    long duration = setup.durationNanos();
    double[] stops = new double[windows];
    for (int j = 1; j < windows; j++) {
      long left = Math.min(consolidate - windowNanos, duration - j * windowNanos);
      stops[j] = gpus * Math.max(0, left) / 1e9;
    }
    // the nodes the run starts with (Cluster.start), each counted from 0 s whether it holds a
    // replica or waits idle for one
    int initial = Math.min(pool.maxNodes(), Math.max(pool.minNodes(), fleet.initialReplicas()));
    String why =
        String.format(
            Locale.ROOT,
            "a new replica's node billed %.0f s before it is ready (least provisioning + pull +"
                + " load), an emptied node %.0f s after (consolidateAfter), each less one window;"
                + " %d replicas at the start",
            start / 1e9,
            consolidate / 1e9,
            initial);
    return new SwitchingCosts(
        initial,
        gpus * Math.max(0, start - windowNanos) / 1e9,
        stops,
        (int) Math.min(windows, start / windowNanos),
        why);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SwitchingCosts other
        && initial == other.initial
        && startGpuSeconds == other.startGpuSeconds
        && Arrays.equals(stopGpuSeconds, other.stopGpuSeconds)
        && firstGrowth == other.firstGrowth
        && why.equals(other.why);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(stopGpuSeconds) * 31 + initial;
  }

  @Override
  public String toString() {
    return why;
  }
}
