package dev.llmscale.sim.oracle;

import dev.llmscale.core.policy.CapacityModel;
import dev.llmscale.core.policy.LoadShape;
import dev.llmscale.core.policy.PoolRole;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.event.RandomStreams;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.workload.RequestStream;
import java.util.Locale;

/**
 * The least GPU-hours a fleet of this engine could spend on the run's requests while keeping the
 * SLO, if it knew the future: a yardstick for the policies' GPU-hours.
 *
 * <p>The run is cut into windows (60 s by default). For each, the oracle takes the requests that
 * arrive in it (the very requests every policy sees, from the same seed), their rate and mean
 * prompt and output lengths, and runs {@code ceil(rate / capacity)} replicas, where {@code
 * capacity} is the highest rate one replica sustains within the SLO for that mix (the core {@link
 * CapacityModel}, by default {@code SimulatedCapacity}: the engine scheduler itself on a Poisson
 * stream). It pays for exactly those replicas for exactly that window: no cold start, no node
 * granularity, no headroom, no hysteresis, zero replicas in an empty window.
 *
 * <p>Why it bounds every policy from below: a policy must, in each window, hold at least the
 * replicas that window's load needs at the SLO, and it pays for them no shorter than the window and
 * no cheaper than per replica; anything it does beyond that (provisioning ahead of time, keeping
 * capacity while nodes start, rounding up to nodes, a utilisation target below 100 %, waiting out a
 * scale-down window) only adds. The bound rests on the capacity model: it assumes that arrivals
 * within a window are no smoother than Poisson (production traffic is burstier, which makes the
 * bound looser, never wrong) and that a replica cannot carry a window's overload into the next one
 * without breaching the TTFT target (true when windows are long against the target: 60 s against
 * targets of a second or less).
 */
public final class OracleBound {
  public static final long DEFAULT_WINDOW_NANOS = 60_000_000_000L;

  private OracleBound() {}

  /**
   * The bound, its per-window replicas and what it rests on.
   *
   * @param gpuHours the bound
   * @param windowSeconds the window length
   * @param replicas replicas per window, in time order
   * @param capacity the capacity model's description
   */
  public record Result(double gpuHours, double windowSeconds, int[] replicas, String capacity) {

    public Result {
      replicas = replicas.clone();
    }

    @Override
    public int[] replicas() {
      return replicas.clone();
    }

    public int peakReplicas() {
      int peak = 0;
      for (int count : replicas) {
        peak = Math.max(peak, count);
      }
      return peak;
    }

    /** {@code gpuHours} of a run as a multiple of the bound. */
    public double ratio(double runGpuHours) {
      return gpuHours > 0 ? runGpuHours / gpuHours : Double.NaN;
    }

    public String describe() {
      return String.format(
          Locale.ROOT,
          "oracle %.2f GPU-hours (%.0f s windows, up to %d replicas; %s)",
          gpuHours,
          windowSeconds,
          peakReplicas(),
          capacity);
    }
  }

  /**
   * @throws IllegalArgumentException if a window's mix cannot meet the SLO on one replica at any
   *     rate, or the window is not positive
   */
  public static Result compute(
      SimulationSetup setup, long seed, CapacityModel capacity, long windowNanos) {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("oracle window must be > 0");
    }
    long duration = setup.durationNanos();
    int windows = (int) ((duration + windowNanos - 1) / windowNanos);
    long[] count = new long[windows];
    double[] input = new double[windows];
    double[] output = new double[windows];
    RequestStream requests =
        setup
            .workload()
            .open(
                new RandomStreams(seed),
                duration,
                setup.fleet().replica().engine().blockSize(),
                setup.fleet().replica().engine().maxModelLen());
    for (SimRequest request = requests.next(); request != null; request = requests.next()) {
      int w = (int) (request.arrivalNanos() / windowNanos);
      count[w]++;
      input[w] += request.inputTokens();
      output[w] += request.outputTokens();
    }
    int[] replicas = new int[windows];
    double gpuSeconds = 0;
    int gpus = setup.fleet().replica().gpus();
    for (int w = 0; w < windows; w++) {
      if (count[w] == 0) {
        continue;
      }
      long length = Math.min(windowNanos, duration - w * windowNanos);
      double rate = count[w] / (length / 1e9);
      LoadShape shape = new LoadShape(input[w] / count[w], output[w] / count[w]);
      double perReplica = capacity.maxRatePerReplica(PoolRole.AGGREGATED, shape);
      if (!(perReplica > 0)) {
        throw new IllegalArgumentException(
            "no replica meets the SLO for " + shape + " at any rate: the SLO is out of reach");
      }
      replicas[w] = (int) Math.ceil(rate / perReplica - 1e-9);
      gpuSeconds += replicas[w] * gpus * (length / 1e9);
    }
    return new Result(gpuSeconds / 3600, windowNanos / 1e9, replicas, capacity.describe());
  }
}
