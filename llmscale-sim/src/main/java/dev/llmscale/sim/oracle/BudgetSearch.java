package dev.llmscale.sim.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bound on the cheapest plan with at most {@code B_T} TTFT misses and at most {@code B_I} ITL
 * misses, and a plan that keeps within both.
 *
 * <p><b>The dual.</b> With a price {@code λ_T ≥ 0} on TTFT misses and {@code λ_I ≥ 0} on ITL
 * misses, {@code D(λ_T, λ_I) = min over plans [cost + λ_T · T + λ_I · I] − λ_T · B_T − λ_I · B_I}.
 * For any plan {@code P} with {@code T(P) ≤ B_T} and {@code I(P) ≤ B_I}, {@code D ≤ cost(P) + λ_T ·
 * (T(P) − B_T) + λ_I · (I(P) − B_I) ≤ cost(P)}: the minimum is at most {@code P}'s value, and each
 * added term is a price {@code ≥ 0} times a budget {@code P} keeps, so {@code ≤ 0} (weak duality;
 * it needs each budget met on its own, not only their sum). Every {@code D} is therefore below the
 * cheapest plan within both budgets. On the ray {@code (λ_T, λ_I) = λ · (a, c)}, {@code D} is
 * {@link PlanSearch}'s one-budget dual for misses {@code a · T + c · I} and budget {@code a · B_T +
 * c · B_I}, which it maximises by bisection on {@code λ}. The search does so for TTFT misses alone
 * ({@code c = 0}), ITL misses alone ({@code a = 0}), {@link #RATIOS} between, and then ratios
 * refined by golden-section search around the best of those. The bound is the largest {@code D}
 * found: perhaps a little under the maximum over all prices, never above the cheapest plan within
 * both budgets.
 *
 * <p><b>The plan.</b> Each ray ends on a plan within its own combined budget, not necessarily
 * within both. The plan reported is the cheapest within both among those and their repairs: a plan
 * {@code P} within the TTFT budget and over the ITL one is raised, window by window, to the sizes
 * of a plan {@code Q} within the ITL budget, found counting each window {@code P} serves as missing
 * at size 0 what it misses at size 1. Both kinds of misses fall with size from one replica on, and
 * TTFT misses from none, so the larger of the two sizes misses no more TTFT than {@code P} and no
 * more ITL than {@code Q} counted so. (A window without replicas completes nothing and so has no
 * ITL misses at all, which is why {@code Q} cannot be just any plan within the ITL budget.)
 */
final class BudgetSearch {
  /** The ratios {@code c / a} of the rays tried between the two budgets alone, as powers of 2. */
  private static final double[] RATIOS = {-6, -4, -2, -1, 0, 1, 2, 4, 6};

  /** Golden-section steps refining the ratio around the best ray. */
  private static final int REFINEMENTS = 16;

  /** The larger of a ray's two weights, so that ratios between the powers of 2 stay close. */
  private static final double SCALE = 4096;

  private final long[][] ttft;
  private final long[][] itl;
  private final double[] costPerReplica;
  private final SwitchingCosts switching;
  private final PlanSearch ttftSearch;
  private final PlanSearch itlSearch;

  /**
   * @param ttft per window, TTFT misses by fleet size {@code 0, 1, …}, non-increasing; sizes past
   *     the end miss as many as the last
   * @param itl per window, ITL misses by fleet size, non-increasing from size 1 on; likewise
   * @param costPerReplica per window, the GPU-seconds one replica costs for the window
   */
  BudgetSearch(long[][] ttft, long[][] itl, double[] costPerReplica, SwitchingCosts switching) {
    if (ttft.length != itl.length) {
      throw new IllegalArgumentException("one entry per window");
    }
    this.ttft = ttft;
    this.itl = itl;
    this.costPerReplica = costPerReplica;
    this.switching = switching;
    this.ttftSearch = new PlanSearch(ttft, costPerReplica, switching);
    this.itlSearch = new PlanSearch(itl, costPerReplica, switching);
  }

  /** A plan, its GPU-seconds (replicas and changes) and its misses of each kind. */
  record Plan(int[] sizes, double gpuSeconds, long ttftMisses, long itlMisses) {}

  /**
   * The bound and the cheapest plan found within both budgets; the plan is null if none was found
   * (which does not show that none exists).
   */
  record Bound(double gpuSeconds, Plan plan) {}

  /** The fewest TTFT misses any plan can have. */
  long fewestTtftMisses() {
    return ttftSearch.fewestMisses();
  }

  /** The fewest ITL misses any plan can have. */
  long fewestItlMisses() {
    return itlSearch.fewestMisses();
  }

  Plan plan(int[] sizes) {
    return new Plan(
        sizes, ttftSearch.cost(sizes), ttftSearch.misses(sizes), itlSearch.misses(sizes));
  }

  /**
   * The bound for the two budgets, or null if no plan keeps within one of the combined budgets the
   * rays price (so none keeps within both).
   */
  Bound bound(long ttftBudget, long itlBudget) {
    Rays rays = new Rays(ttftBudget, itlBudget);
    // the budgets alone (log ratios of minus and plus infinity), then the ratios between
    double[] values = new double[RATIOS.length + 2];
    values[0] = rays.value(Double.NEGATIVE_INFINITY);
    values[values.length - 1] = rays.value(Double.POSITIVE_INFINITY);
    for (int k = 0; k < RATIOS.length; k++) {
      values[k + 1] = rays.value(RATIOS[k]);
    }
    if (rays.infeasible) {
      return null;
    }
    int top = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[top]) {
        top = k;
      }
    }
    // refine between the best ray's neighbours: the dual is concave, so the best value along a
    // ray is quasi-concave in its direction (the rays that reach D >= t are the directions of a
    // convex cone); and any ray tried only adds a valid bound
    double low = top <= 1 ? RATIOS[0] - 6 : RATIOS[top - 2];
    double high = top >= values.length - 2 ? RATIOS[RATIOS.length - 1] + 6 : RATIOS[top];
    double golden = (Math.sqrt(5) - 1) / 2;
    double left = high - golden * (high - low);
    double right = low + golden * (high - low);
    double leftValue = rays.value(left);
    double rightValue = rays.value(right);
    for (int i = 0; i < REFINEMENTS && !rays.infeasible; i++) {
      if (leftValue < rightValue) {
        low = left;
        left = right;
        leftValue = rightValue;
        right = low + golden * (high - low);
        rightValue = rays.value(right);
      } else {
        high = right;
        right = left;
        rightValue = leftValue;
        left = high - golden * (high - low);
        leftValue = rays.value(left);
      }
    }
    if (rays.infeasible) {
      return null;
    }
    List<int[]> candidates = new ArrayList<>(rays.plans);
    for (int[] sizes : rays.plans) {
      Plan plan = plan(sizes);
      if (plan.ttftMisses() <= ttftBudget && plan.itlMisses() > itlBudget) {
        int[] repair = repair(sizes, itlBudget);
        if (repair != null) {
          candidates.add(repair);
        }
      }
    }
    Plan cheapest = null;
    for (int[] sizes : candidates) {
      Plan plan = plan(sizes);
      if (plan.ttftMisses() <= ttftBudget
          && plan.itlMisses() <= itlBudget
          && plan.gpuSeconds() < Double.POSITIVE_INFINITY
          && (cheapest == null || plan.gpuSeconds() < cheapest.gpuSeconds())) {
        cheapest = plan;
      }
    }
    return new Bound(
        cheapest == null ? rays.best : Math.min(rays.best, cheapest.gpuSeconds()), cheapest);
  }

  /** The rays tried for two budgets: the best dual found and the plans their searches ended on. */
  private final class Rays {
    private final long ttftBudget;
    private final long itlBudget;
    private final List<int[]> plans = new ArrayList<>();
    private double best = Double.NEGATIVE_INFINITY;
    private boolean infeasible;

    Rays(long ttftBudget, long itlBudget) {
      this.ttftBudget = ttftBudget;
      this.itlBudget = itlBudget;
    }

    /**
     * The best dual along the ray whose ratio {@code c / a} is {@code 2^logRatio}: TTFT alone at
     * minus infinity, ITL alone at plus infinity.
     */
    double value(double logRatio) {
      long a;
      long c;
      if (logRatio == Double.NEGATIVE_INFINITY) {
        a = 1;
        c = 0;
      } else if (logRatio == Double.POSITIVE_INFINITY) {
        a = 0;
        c = 1;
      } else if (logRatio <= 0) {
        a = (long) SCALE;
        c = Math.max(1, Math.round(SCALE * Math.pow(2, logRatio)));
      } else {
        a = Math.max(1, Math.round(SCALE / Math.pow(2, logRatio)));
        c = (long) SCALE;
      }
      PlanSearch.Bound ray = search(a, c).bound(a * ttftBudget + c * itlBudget);
      if (ray == null) {
        infeasible = true;
        return Double.NEGATIVE_INFINITY;
      }
      best = Math.max(best, ray.gpuSeconds());
      int[] sizes = ray.plan().sizes();
      if (plans.stream().noneMatch(plan -> Arrays.equals(plan, sizes))) {
        plans.add(sizes);
      }
      return ray.gpuSeconds();
    }
  }

  private PlanSearch search(long a, long c) {
    if (c == 0) {
      return ttftSearch;
    }
    if (a == 0) {
      return itlSearch;
    }
    long[][] combined = new long[ttft.length][];
    for (int w = 0; w < ttft.length; w++) {
      combined[w] = new long[Math.max(ttft[w].length, itl[w].length)];
      for (int n = 0; n < combined[w].length; n++) {
        combined[w][n] = a * ttftSearch.missesAt(w, n) + c * itlSearch.missesAt(w, n);
      }
    }
    return new PlanSearch(combined, costPerReplica, switching);
  }

  /**
   * {@code plan} (within the TTFT budget) raised to a plan within the ITL budget where the ITL
   * misses of the windows {@code plan} serves count from one replica; null if there is none.
   */
  private int[] repair(int[] plan, long itlBudget) {
    long[][] served = new long[itl.length][];
    for (int w = 0; w < itl.length; w++) {
      served[w] = itl[w].clone();
      if (plan[w] > 0) {
        served[w][0] = itlSearch.missesAt(w, 1);
      }
    }
    PlanSearch.Bound within = new PlanSearch(served, costPerReplica, switching).bound(itlBudget);
    if (within == null) {
      return null;
    }
    int[] raised = plan.clone();
    for (int w = 0; w < raised.length; w++) {
      raised[w] = Math.max(raised[w], within.plan().sizes()[w]);
    }
    return raised;
  }
}
