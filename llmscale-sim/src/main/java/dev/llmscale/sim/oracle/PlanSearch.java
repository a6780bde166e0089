package dev.llmscale.sim.oracle;

/**
 * The cheapest plan of fleet sizes per window for a price on misses, by dynamic programming over
 * windows × sizes (Viterbi): a plan's value is its replicas' GPU-seconds, plus what its changes
 * cost ({@link SwitchingCosts}), plus {@code λ} per miss. The Lagrangian dual {@code D(λ) = min
 * over plans of [cost + λ · misses] − λ · B} is below the cost of every plan with at most {@code B}
 * misses (weak duality), and the search computes that minimum exactly, so the largest {@code D(λ)}
 * bisection finds is a lower bound on the cheapest plan that meets the budget.
 */
final class PlanSearch {
  private static final int BISECTIONS = 60;

  private final long[][] misses; // [window][size]: the last entry repeats beyond
  private final double[] costPerReplica; // GPU-seconds of one replica for each window
  private final SwitchingCosts switching;
  private final int sizes; // sizes 0 .. sizes - 1

  /**
   * @param misses per window, misses by fleet size {@code 0, 1, …}; sizes past the end miss as many
   *     as the last
   * @param costPerReplica per window, the GPU-seconds one replica costs for the window
   */
  PlanSearch(long[][] misses, double[] costPerReplica, SwitchingCosts switching) {
    if (misses.length != costPerReplica.length || misses.length == 0) {
      throw new IllegalArgumentException("one entry per window");
    }
    this.misses = misses;
    this.costPerReplica = costPerReplica;
    this.switching = switching;
    int largest = switching.initial();
    for (long[] m : misses) {
      largest = Math.max(largest, m.length - 1);
    }
    // a size above every window's plateau only costs more: clipping a plan there keeps its misses
    // and lowers its windows and its changes
    this.sizes = largest + 1;
  }

  /** A plan, its GPU-seconds (replicas and changes) and its misses. */
  record Plan(int[] sizes, double gpuSeconds, long misses) {}

  /** The bound and the plan beside it. */
  record Bound(double gpuSeconds, Plan plan) {}

  long missesAt(int window, int size) {
    long[] m = misses[window];
    return m[Math.min(size, m.length - 1)];
  }

  /** GPU-seconds of a plan, changes included; infinite if the plan is impossible. */
  double cost(int[] plan) {
    double total = 0;
    int previous = switching.initial();
    for (int w = 0; w < plan.length; w++) {
      total += plan[w] * costPerReplica[w] + change(previous, plan[w], w);
      previous = plan[w];
    }
    return total;
  }

  long misses(int[] plan) {
    long total = 0;
    for (int w = 0; w < plan.length; w++) {
      total += missesAt(w, plan[w]);
    }
    return total;
  }

  /** What going from {@code from} replicas to {@code to} at the start of window {@code w} costs. */
  private double change(int from, int to, int w) {
    if (w == 0) {
      // the initial nodes are there at 0 s; growing beyond them needs a window the new ones reach
      return to < from || (to > from && switching.firstGrowth() > 0)
          ? Double.POSITIVE_INFINITY
          : (to - from) * switching.startGpuSeconds();
    }
    if (to > from) {
      return w < switching.firstGrowth()
          ? Double.POSITIVE_INFINITY
          : (to - from) * switching.startGpuSeconds();
    }
    return (from - to) * switching.stop(w);
  }

  /**
   * The plan minimising {@code cost + λ · misses}; among equal values the one with fewer misses.
   */
  Plan cheapest(double lambda) {
    int windows = misses.length;
    double[] value = new double[sizes];
    long[] missed = new long[sizes];
    int[][] from = new int[windows][sizes];
    for (int n = 0; n < sizes; n++) {
      long m = missesAt(0, n);
      value[n] = change(switching.initial(), n, 0) + n * costPerReplica[0] + lambda * m;
      missed[n] = m;
    }
    for (int w = 1; w < windows; w++) {
      double[] nextValue = new double[sizes];
      long[] nextMissed = new long[sizes];
      for (int n = 0; n < sizes; n++) {
        double best = Double.POSITIVE_INFINITY;
        long bestMissed = Long.MAX_VALUE;
        int bestFrom = -1;
        for (int p = 0; p < sizes; p++) {
          double v = value[p] + change(p, n, w);
          if (v < best || (v == best && missed[p] < bestMissed)) {
            best = v;
            bestMissed = missed[p];
            bestFrom = p;
          }
        }
        long m = missesAt(w, n);
        nextValue[n] = best + n * costPerReplica[w] + lambda * m;
        nextMissed[n] = bestMissed == Long.MAX_VALUE ? Long.MAX_VALUE : bestMissed + m;
        from[w][n] = bestFrom;
      }
      value = nextValue;
      missed = nextMissed;
    }
    int end = -1;
    for (int n = 0; n < sizes; n++) {
      if (end < 0 || value[n] < value[end] || (value[n] == value[end] && missed[n] < missed[end])) {
        end = n;
      }
    }
    int[] plan = new int[windows];
    plan[windows - 1] = end;
    for (int w = windows - 1; w > 0; w--) {
      plan[w - 1] = from[w][plan[w]];
    }
    return new Plan(plan, cost(plan), misses(plan));
  }

  /** {@code D(λ)}: below the cost of every plan with at most {@code budget} misses. */
  double dual(double lambda, long budget) {
    Plan plan = cheapest(lambda);
    return plan.gpuSeconds() + lambda * plan.misses() - lambda * budget;
  }

  /** A price at which saving any GPU-seconds is not worth one miss. */
  double priceOfFewestMisses() {
    double span = 1;
    for (int w = 0; w < misses.length; w++) {
      span += (sizes - 1) * (costPerReplica[w] + switching.startGpuSeconds() + switching.stop(w));
    }
    return span;
  }

  /** The bound for {@code budget}, or null if no plan keeps within it. */
  Bound bound(long budget) {
    double high = priceOfFewestMisses();
    Plan fewest = cheapest(high);
    if (fewest.misses() > budget) {
      return null;
    }
    double low = 0;
    double best = dual(0, budget);
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = (low + high) / 2;
      Plan plan = cheapest(mid);
      best = Math.max(best, plan.gpuSeconds() + mid * (plan.misses() - budget));
      if (plan.misses() > budget) {
        low = mid;
      } else {
        high = mid;
      }
    }
    Plan feasible = cheapest(high);
    best = Math.max(best, feasible.gpuSeconds() + high * (feasible.misses() - budget));
    return new Bound(Math.min(best, feasible.gpuSeconds()), feasible);
  }

  /** The fewest misses any plan can have (the sizes available at the start limit early windows). */
  long fewestMisses() {
    return cheapest(priceOfFewestMisses()).misses();
  }
}
