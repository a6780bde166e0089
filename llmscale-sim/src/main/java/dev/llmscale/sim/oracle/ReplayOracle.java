package dev.llmscale.sim.oracle;

import dev.llmscale.sim.FleetSimulation;
import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.NodePoolConfig;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.report.RunSummary;
import dev.llmscale.sim.workload.ReplayedRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes windows by replaying them, and spends the SLO's miss budget where it saves most.
 *
 * <p><b>Misses per window.</b> For each window and each fleet size {@code n}, the window's requests
 * (their own arrival times, lengths and prefixes) go through the scenario's gateway to {@code n}
 * ready replicas, and {@code misses(n)} counts those that do not complete within both targets
 * ({@code n = 0} misses them all). Replicas start each window empty, with no backlog from the
 * window before, which only lowers the misses. Sizes are tried upwards until the misses stop
 * falling for two sizes in a row (or at {@code maxReplicas}); more replicas are assumed not to help
 * then.
 *
 * <p><b>The budget.</b> A p99 SLO lets 1 % of the run's requests miss the TTFT target and 1 % miss
 * the ITL target; any fleet meeting it misses at most {@code B = 2 · floor((1 − q) · N)} requests
 * counted this way. (Counting a request that misses both once makes the constraint looser, never
 * tighter.)
 *
 * <p><b>The bound.</b> The cheapest plan picks one size per window with total misses at most {@code
 * B}, and pays for its replicas' windows and for its changes: each replica it adds costs the
 * GPU-time its node is billed before the replica can be ready, each it removes the time its node
 * stays billed before consolidation ({@link SwitchingCosts}: the least draws of the lifecycle
 * delays only, so it holds for every draw), and no window grows before a node asked for at 0 s
 * could serve. {@link PlanSearch} finds, for a price {@code λ} on misses, the plan minimising
 * {@code cost + λ · misses} exactly (dynamic programming over windows × sizes); {@code D(λ) = that
 * minimum − λ·B} is below the cheapest plan's cost for every {@code λ ≥ 0} (weak duality), so the
 * largest {@code D(λ)} found by bisection on {@code λ} is a lower bound on the GPU-hours of any
 * fleet that meets the SLO on these requests. The plan reported beside it is the primal choice at
 * the bisection's feasible end: a plan that does meet the budget.
 *
 * @param windowNanos the window length
 * @param maxReplicas the most replicas a window may get (the fleet's bound)
 */
public record ReplayOracle(long windowNanos, int maxReplicas) implements FleetOracle {
  private static final int PLATEAU = 2;

  public ReplayOracle {
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("the oracle needs maxReplicas >= 1");
    }
  }

  @Override
  public OracleResult bound(SimulationSetup setup, long seed) {
    List<List<SimRequest>> windows = Windows.of(setup, seed, windowNanos);
    long[][] misses = new long[windows.size()][]; // per window: misses by fleet size
    double[] costPerReplica = new double[windows.size()]; // GPU-seconds
    long total = 0;
    for (int w = 0; w < windows.size(); w++) {
      List<SimRequest> requests = windows.get(w);
      total += requests.size();
      long length = Windows.length(setup, windowNanos, w);
      costPerReplica[w] = setup.fleet().replica().gpus() * (length / 1e9);
      misses[w] = missesBySize(setup, seed, requests, w * windowNanos, length);
    }
    long budget = 2 * (long) Math.floor((1 - setup.slo().quantile()) * total);
    SwitchingCosts switching = SwitchingCosts.of(setup, windowNanos, windows.size());
    PlanSearch search = new PlanSearch(misses, costPerReplica, switching);
    PlanSearch.Bound bound = search.bound(budget);
    if (bound == null) {
      return OracleResult.unreachable(
          windowNanos / 1e9,
          String.format(
              Locale.ROOT,
              "no fleet of up to %d replicas meets %s on these requests: %d of them miss it"
                  + " whatever the fleet, more than the %d the quantile allows",
              maxReplicas,
              setup.slo(),
              search.fewestMisses(),
              budget));
    }
    String method =
        String.format(
            Locale.ROOT,
            "windows replayed on every fleet size, %d misses of %s allowed over %d requests; %s",
            budget,
            setup.slo(),
            total,
            switching);
    return new OracleResult(
        bound.gpuSeconds() / 3600,
        bound.plan().gpuSeconds() / 3600,
        windowNanos / 1e9,
        bound.plan().sizes(),
        method);
  }

  /** Misses for fleet sizes 0, 1, ... until they stop falling (the last entry is the fewest). */
  private long[] missesBySize(
      SimulationSetup setup,
      long seed,
      List<SimRequest> requests,
      long startNanos,
      long lengthNanos) {
    List<Long> misses = new ArrayList<>();
    misses.add((long) requests.size());
    int flat = 0;
    for (int n = 1; n <= maxReplicas && misses.get(misses.size() - 1) > 0 && flat < PLATEAU; n++) {
      long m =
          Math.min(misses(setup, seed, requests, startNanos, lengthNanos, n), misses.get(n - 1));
      flat = m < misses.get(n - 1) ? 0 : flat + 1;
      misses.add(m);
    }
    int keep = misses.size() - flat; // sizes on the final plateau add cost and no fewer misses
    long[] result = new long[keep];
    for (int n = 0; n < keep; n++) {
      result[n] = misses.get(n);
    }
    return result;
  }

  private static long misses(
      SimulationSetup setup,
      long seed,
      List<SimRequest> requests,
      long startNanos,
      long lengthNanos,
      int replicas) {
    FleetConfig fleet = setup.fleet();
    NodePoolConfig nodes = fleet.nodePool();
    int gpusPerNode = nodes.gpusPerNode();
    int nodesNeeded = (replicas * fleet.replica().gpus() + gpusPerNode - 1) / gpusPerNode;
    FleetConfig fixed =
        new FleetConfig(
            fleet.service(),
            replicas,
            fleet.replica(),
            fleet.lifecycle(),
            new NodePoolConfig(
                gpusPerNode,
                0,
                Math.max(nodesNeeded, 1),
                0,
                nodes.provisioning(),
                nodes.consolidateAfterNanos(),
                nodes.capacityType(),
                nodes.onDemandPricePerGpuHour(),
                nodes.spotPricePerGpuHour()));
    SimulationSetup window =
        new SimulationSetup(
            setup.scenario() + " oracle window",
            seed,
            lengthNanos,
            lengthNanos,
            setup.clientTimeoutNanos(),
            setup.slo(),
            fixed,
            setup.gateway(),
            new ReplayedRequests(requests, startNanos),
            0);
    RunSummary summary = FleetSimulation.run(window, null, ProgressListener.NONE).summary();
    return summary.requests() - summary.withinSlo();
  }
}
