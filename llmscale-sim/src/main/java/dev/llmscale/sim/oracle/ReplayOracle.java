package dev.llmscale.sim.oracle;

import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.sim.FleetSimulation;
import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.report.Percentiles;
import dev.llmscale.sim.report.RunSummary;
import dev.llmscale.sim.workload.ReplayedRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes windows by replaying them, and spends the SLO's miss budgets where they save most.
 *
 * <p><b>Misses per window.</b> For each window and each fleet size {@code n}, the window's requests
 * (their own arrival times, lengths and prefixes) go through the scenario's gateway to {@code n}
 * ready replicas, and one replay counts both kinds of miss as the run's summary does ({@link
 * RunSummary#ttftMisses}, {@link RunSummary#itlMisses}): {@code ttft(n)}, the requests without a
 * first token within the TTFT target (failing before one counts), and {@code itl(n)}, the completed
 * requests whose ITL is above the ITL target. With {@code n = 0} every request misses TTFT and none
 * completes, so none misses ITL. Replicas start each window empty, with no backlog from the window
 * before, which only lowers the misses. Each count is kept at its fewest over the sizes up to
 * {@code n} (from one replica on for ITL), which only lowers it further. Sizes are tried upwards
 * until both counts have stopped falling for two sizes in a row (or are 0, or at {@code
 * maxReplicas}); more replicas are assumed not to help then.
 *
 * <p><b>The budgets.</b> The run meets its SLO when some request completes and the nearest-rank
 * {@code q} quantile of TTFT over all {@code N} requests (one without a first token as infinite)
 * and that of ITL over the completed requests with two or more tokens are within their targets
 * ({@link dev.llmscale.sim.report.RunRecorder}). So any fleet meeting it has at most {@code B_T =}
 * {@link Percentiles#allowedAbove allowedAbove}{@code (N, q)} TTFT misses, {@code N − ceil(q · N)},
 * and at most {@code B_I} ITL misses, {@code allowedAbove(M, q)} for the {@code M} requests with an
 * ITL; {@code M} depends on the fleet, but it is at most the {@code M₂} requests that ask for two
 * or more tokens (a request delivers no more than it asks for), so {@code B_I} is the largest
 * {@code allowedAbove(m, q)} over {@code m ≤ M₂}. Both budgets hold at once: a p99 SLO lets 1 % of
 * the requests miss TTFT, not 2 % of them miss either target.
 *
 * <p><b>The bound.</b> The cheapest plan picks one size per window with at most {@code B_T} TTFT
 * misses and at most {@code B_I} ITL misses, and pays for its replicas' windows and for its
 * changes: each replica it adds costs the GPU-time its node is billed before the replica can be
 * ready, each it removes the time its node stays billed before consolidation ({@link
 * SwitchingCosts}: the least draws of the lifecycle delays only, so it holds for every draw), and
 * no window grows before a node asked for at 0 s could serve. {@link BudgetSearch} puts a price on
 * each kind of miss, {@code λ_T, λ_I ≥ 0}, and {@link PlanSearch} finds the plan minimising {@code
 * cost + λ_T · ttft + λ_I · itl} exactly (dynamic programming over windows × sizes). {@code D(λ_T,
 * λ_I) = that minimum − λ_T · B_T − λ_I · B_I} is below the cost of every plan within both budgets
 * (weak duality: such a plan's own value is at least the minimum, and {@code λ_T · (ttft − B_T)}
 * and {@code λ_I · (itl − B_I)} are each {@code ≤ 0} for it, because it keeps each budget on its
 * own), so the largest {@code D} found, by bisection on the price along rays of fixed ratio {@code
 * λ_I / λ_T}, is a lower bound on the GPU-hours of any fleet that meets the SLO on these requests.
 * The ray pricing TTFT misses alone gives the bound of the TTFT budget alone, the one pricing both
 * alike that of their sum {@code B_T + B_I}: the single budget of {@code 2 · floor((1 − q) · N)}
 * misses of either target this oracle had before loosened the SLO to about that, and so let 2 % of
 * the requests of a p99 SLO miss TTFT when ITL misses are few. The plan reported beside the bound
 * is the cheapest the searches met that keeps within both budgets; if they met none the bound is
 * reported without a plan, and there is no oracle only when a budget is proved out of reach.
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
    return bound(setup, seed, ProgressListener.NONE);
  }

  /** Tells {@code progress} the end of each window replayed (on every fleet size). */
  @Override
  public OracleResult bound(SimulationSetup setup, long seed, ProgressListener progress) {
    List<List<SimRequest>> windows = Windows.of(setup, seed, windowNanos);
    long[][] ttft = new long[windows.size()][]; // per window: TTFT misses by fleet size
    long[][] itl = new long[windows.size()][]; // per window: ITL misses by fleet size
    double[] costPerReplica = new double[windows.size()]; // GPU-seconds
    long total = 0;
    long multiToken = 0; // requests that can have an ITL
    for (int w = 0; w < windows.size(); w++) {
      List<SimRequest> requests = windows.get(w);
      total += requests.size();
      for (SimRequest request : requests) {
        if (request.outputTokens() >= 2) {
          multiToken++;
        }
      }
      long length = Windows.length(setup, windowNanos, w);
      costPerReplica[w] = setup.fleet().replica().gpus() * (length / 1e9);
      Misses misses = missesBySize(setup, seed, requests, w * windowNanos, length);
      ttft[w] = misses.ttft();
      itl[w] = misses.itl();
      progress.progress(
          Math.min(setup.durationNanos(), (w + 1) * windowNanos), setup.durationNanos());
    }
    SloTargets slo = setup.slo();
    long ttftBudget = Percentiles.allowedAbove(total, slo.quantile());
    long itlBudget = itlBudget(multiToken, slo.quantile());
    SwitchingCosts switching = SwitchingCosts.of(setup, windowNanos, windows.size());
    BudgetSearch search = new BudgetSearch(ttft, itl, costPerReplica, switching);
    BudgetSearch.Bound bound = search.bound(ttftBudget, itlBudget);
    if (bound == null) {
      return OracleResult.unreachable(
          windowNanos / 1e9, whyNot(slo, search, ttftBudget, itlBudget));
    }
    String method =
        String.format(
            Locale.ROOT,
            "windows replayed on every fleet size, %d TTFT misses allowed over %d requests and %d"
                + " ITL misses over the %d with two or more tokens (%s TTFT <= %.3f s, ITL <= %.3f"
                + " s); %s",
            ttftBudget,
            total,
            itlBudget,
            multiToken,
            slo.quantileName(),
            slo.ttftSeconds(),
            slo.itlSeconds(),
            switching);
    if (bound.plan() == null) {
      // the dual bounds every plan within both budgets whether or not the search met one
      return OracleResult.withoutPlan(
          bound.gpuSeconds() / 3600,
          windowNanos / 1e9,
          method
              + "; no plan found that keeps both budgets together, which does not show that none"
              + " does");
    }
    return new OracleResult(
        bound.gpuSeconds() / 3600,
        bound.plan().gpuSeconds() / 3600,
        windowNanos / 1e9,
        bound.plan().sizes(),
        method);
  }

  /** Why there is no bound: a budget no plan keeps, alone or priced together with the other. */
  private String whyNot(SloTargets slo, BudgetSearch search, long ttftBudget, long itlBudget) {
    String none =
        String.format(
            Locale.ROOT,
            "no fleet of up to %d replicas meets %s on these requests",
            maxReplicas,
            slo);
    long ttftFewest = search.fewestTtftMisses();
    if (ttftFewest > ttftBudget) {
      return missedWhateverTheFleet(none, "TTFT", ttftFewest, ttftBudget);
    }
    long itlFewest = search.fewestItlMisses();
    if (itlFewest > itlBudget) {
      return missedWhateverTheFleet(none, "ITL", itlFewest, itlBudget);
    }
    return String.format(
        Locale.ROOT,
        "%s: no plan keeps its TTFT misses within %d and its ITL misses within %d together",
        none,
        ttftBudget,
        itlBudget);
  }

  /**
   * The most ITL misses a fleet meeting the SLO can have: {@link Percentiles#allowedAbove} of the
   * requests with an ITL, which are at most {@code multiToken}.
   */
  static long itlBudget(long multiToken, double quantile) {
    long most = 0;
    for (long m = 1; m <= multiToken; m++) {
      most = Math.max(most, Percentiles.allowedAbove(m, quantile));
    }
    return most;
  }

  /** Misses of each kind by fleet size 0, 1, ... of one window, from the same replays. */
  record Misses(long[] ttft, long[] itl) {}

  /**
   * Misses for fleet sizes 0, 1, ... until both kinds stop falling; each kind's last entry is its
   * fewest, and its sizes on the final plateau are left out (they add cost and no fewer misses).
   */
  private Misses missesBySize(
      SimulationSetup setup,
      long seed,
      List<SimRequest> requests,
      long startNanos,
      long lengthNanos) {
    List<Long> ttft = new ArrayList<>();
    List<Long> itl = new ArrayList<>();
    ttft.add((long) requests.size()); // no replica: no first token, and nothing completes
    itl.add(0L);
    int ttftFlat = 0;
    int itlFlat = 0;
    for (int n = 1;
        n <= maxReplicas
            && (n == 1
                ? ttft.get(0) > 0
                : (ttft.get(n - 1) > 0 && ttftFlat < PLATEAU)
                    || (itl.get(n - 1) > 0 && itlFlat < PLATEAU));
        n++) {
      RunSummary summary = replay(setup, seed, requests, startNanos, lengthNanos, n);
      long t = Math.min(summary.ttftMisses(), ttft.get(n - 1));
      ttftFlat = t < ttft.get(n - 1) ? 0 : ttftFlat + 1;
      ttft.add(t);
      long i = n == 1 ? summary.itlMisses() : Math.min(summary.itlMisses(), itl.get(n - 1));
      itlFlat = n == 1 || i < itl.get(n - 1) ? 0 : itlFlat + 1;
      itl.add(i);
    }
    return new Misses(toArray(ttft, ttft.size() - ttftFlat), toArray(itl, itl.size() - itlFlat));
  }

  private static long[] toArray(List<Long> values, int keep) {
    long[] result = new long[keep];
    for (int n = 0; n < keep; n++) {
      result[n] = values.get(n);
    }
    return result;
  }

  private static RunSummary replay(
      SimulationSetup setup,
      long seed,
      List<SimRequest> requests,
      long startNanos,
      long lengthNanos,
      int replicas) {
    FleetConfig fixed = setup.fleet().pinnedAt(replicas);
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
    return FleetSimulation.run(window, null, ProgressListener.NONE).summary();
  }

  private static String missedWhateverTheFleet(
      String none, String target, long fewest, long budget) {
    return String.format(
        Locale.ROOT,
        "%s: %d of them miss its %s target whatever the fleet, more than the %d the quantile"
            + " allows",
        none,
        fewest,
        target,
        budget);
  }
}
