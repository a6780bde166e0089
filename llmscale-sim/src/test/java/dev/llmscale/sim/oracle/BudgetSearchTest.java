package dev.llmscale.sim.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.sim.report.Percentiles;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BudgetSearchTest {

  @Test
  void aPlanWithOneAndAHalfPercentTtftMissesMetTheOldBudgetAndNotTheNewOnes() {
    // 1000 requests, p99: 10 may miss TTFT and 10 ITL, where the old budget let 20 miss either.
    // One replica a window misses 15 first tokens (1.5 %) in the first and no ITL anywhere.
    long[][] ttft = {{500, 15, 0}, {500, 0}};
    long[][] itl = {{0, 0}, {0, 0}};
    double[] cost = {60, 60};
    SwitchingCosts free = SwitchingCosts.none(2);
    long budget = Percentiles.allowedAbove(1000, 0.99);
    long oldBudget = 2 * (long) Math.floor((1 - 0.99) * 1000);
    assertThat(budget).isEqualTo(10);
    assertThat(oldBudget).isEqualTo(20);

    PlanSearch.Bound old = new PlanSearch(sum(ttft, itl), cost, free).bound(oldBudget);
    BudgetSearch.Bound bound = new BudgetSearch(ttft, itl, cost, free).bound(budget, budget);

    // the old plan: one replica each window, its 15 misses within 20; the old bound just under
    assertThat(old.plan().sizes()).containsExactly(1, 1);
    assertThat(old.plan().misses()).isEqualTo(15);
    assertThat(old.gpuSeconds()).isBetween(119.0, 120.0);
    // now it needs a second replica in the first window; the dual meets it at the price 4 a miss
    // makes the two plans cost the same: 120 + 15 · 4 − 10 · 4
    assertThat(bound.plan().sizes()).containsExactly(2, 1);
    assertThat(bound.plan().ttftMisses()).isZero();
    assertThat(bound.plan().gpuSeconds()).isCloseTo(180, within(1e-9));
    assertThat(bound.gpuSeconds()).isCloseTo(140, within(1e-6)).isGreaterThan(old.gpuSeconds());
  }

  @Test
  void itlMissesTheTtftBudgetAloneWouldAllowRaiseTheBound() {
    // one replica keeps every first token in time but misses 8 ITLs a window; 10 may miss
    long[][] ttft = {{100, 0}, {100, 0}, {100, 0}};
    long[][] itl = {{0, 8, 0}, {0, 8, 0}, {0, 8, 0}};
    double[] cost = {60, 60, 60};
    SwitchingCosts free = SwitchingCosts.none(3);

    PlanSearch.Bound ttftAlone = new PlanSearch(ttft, cost, free).bound(10);
    BudgetSearch.Bound bound = new BudgetSearch(ttft, itl, cost, free).bound(10, 10);

    // one replica throughout keeps within the TTFT budget: no bound of it alone is above 180
    assertThat(ttftAlone.gpuSeconds()).isLessThanOrEqualTo(180);
    // two windows of the three need a second replica: 300 GPU-seconds at least (the plans of one,
    // two and three second replicas tie at 7.5 an ITL miss, so the search may end on any)
    assertThat(bound.plan().ttftMisses()).isZero();
    assertThat(bound.plan().itlMisses()).isLessThanOrEqualTo(10);
    assertThat(bound.plan().gpuSeconds()).isBetween(300.0, 360.0);
    // the dual's maximum, 3 · 120 − 10 · 1.2 − 10 · 7.5 = 273 at 1.2 a TTFT miss and 7.5 an ITL
    // miss (where no replica, one and two cost alike), is off every ray tried but the refined ones
    assertThat(bound.gpuSeconds()).isGreaterThan(272.9).isLessThanOrEqualTo(273 + 1e-6);
  }

  @Test
  void aTtftPlanOverTheItlBudgetIsRaisedToOneWithinIt() {
    // two windows: no replica misses 10 first tokens, one replica 4 ITLs, two none; at most 5 of
    // each. The cheapest plan of each ray breaks a budget: one replica each (8 ITL misses), or
    // none in the first window (10 TTFT misses).
    long[][] ttft = {{10, 0}, {10, 0}};
    long[][] itl = {{0, 4, 0}, {0, 4, 0}};
    double[] cost = {60, 50};

    BudgetSearch.Bound bound =
        new BudgetSearch(ttft, itl, cost, SwitchingCosts.none(2)).bound(5, 5);

    // one replica each, raised to two in the second window, where a plan within the ITL budget
    // that serves both windows has them
    assertThat(bound.plan().sizes()).containsExactly(1, 2);
    assertThat(bound.plan().ttftMisses()).isZero();
    assertThat(bound.plan().itlMisses()).isEqualTo(4);
    assertThat(bound.plan().gpuSeconds()).isCloseTo(160, within(1e-9));
    assertThat(bound.gpuSeconds()).isLessThanOrEqualTo(160);
  }

  /** A small random instance: TTFT misses falling with size, ITL misses from size 1 on. */
  private record Case(
      String name,
      long[][] ttft,
      long[][] itl,
      double[] cost,
      SwitchingCosts switching,
      long ttftBudget,
      long itlBudget) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static long[] falling(SplittableRandom random, int length, int first) {
    long[] misses = new long[length];
    misses[0] = first;
    for (int n = 1; n < length; n++) {
      misses[n] = misses[n - 1] - random.nextInt((int) misses[n - 1] + 1);
    }
    return misses;
  }

  private static Case random(String name, long seed, int windows, int sizes, boolean switching) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][] ttft = new long[windows][];
    long[][] itl = new long[windows][];
    double[] cost = new double[windows];
    long ttftWorst = 0;
    long itlWorst = 0;
    for (int w = 0; w < windows; w++) {
      int requests = 5 + random.nextInt(40);
      ttft[w] = falling(random, 1 + random.nextInt(sizes), requests);
      ttft[w][0] = requests; // no replica: no first token
      long[] served = falling(random, 1 + random.nextInt(sizes), random.nextInt(requests / 2));
      itl[w] = new long[served.length + 1]; // no replica: nothing completes, no ITL misses
      System.arraycopy(served, 0, itl[w], 1, served.length);
      cost[w] = w == windows - 1 ? 30 : 60;
      ttftWorst += ttft[w][0];
      itlWorst += served[0];
    }
    SwitchingCosts costs;
    if (switching) {
      double[] stops = new double[windows];
      for (int j = 1; j < windows; j++) {
        stops[j] = random.nextInt(200);
      }
      costs =
          new SwitchingCosts(
              random.nextInt(sizes), random.nextInt(200), stops, random.nextInt(3), name);
    } else {
      costs = SwitchingCosts.none(windows);
    }
    return new Case(
        name,
        ttft,
        itl,
        cost,
        costs,
        random.nextLong(ttftWorst / 3 + 1),
        random.nextLong(itlWorst / 3 + 1));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            random("free changes, 4 windows", 1, 4, 4, false),
            random("free changes, 5 windows", 2, 5, 3, false),
            random("start and stop costs, 4 windows", 3, 4, 4, true),
            random("start and stop costs, 5 windows", 4, 5, 3, true),
            random("start and stop costs, 6 windows", 5, 6, 3, true),
            random("start and stop costs, 3 windows", 6, 3, 5, true),
            random("start and stop costs, 5 windows again", 7, 5, 4, true),
            random("free changes, 6 windows", 8, 6, 3, false),
            random("start and stop costs, 4 windows again", 9, 4, 4, true))
        .map(Arguments::of);
  }

  private static int sizes(Case c) {
    int largest = c.switching.initial();
    for (int w = 0; w < c.ttft.length; w++) {
      largest = Math.max(largest, Math.max(c.ttft[w].length, c.itl[w].length) - 1);
    }
    return largest + 2; // one beyond what the search considers
  }

  /** Every plan of sizes {@code 0 .. sizes - 1} per window. */
  private static Stream<int[]> allPlans(int windows, int sizes) {
    int count = (int) Math.pow(sizes, windows);
    return Stream.iterate(0, i -> i < count, i -> i + 1)
        .map(
            i -> {
              int[] plan = new int[windows];
              int rest = i;
              for (int w = 0; w < windows; w++) {
                plan[w] = rest % sizes;
                rest /= sizes;
              }
              return plan;
            });
  }

  private static long[][] sum(long[][] ttft, long[][] itl) {
    long[][] either = new long[ttft.length][];
    for (int w = 0; w < ttft.length; w++) {
      either[w] = new long[Math.max(ttft[w].length, itl[w].length)];
      for (int n = 0; n < either[w].length; n++) {
        either[w][n] =
            ttft[w][Math.min(n, ttft[w].length - 1)] + itl[w][Math.min(n, itl[w].length - 1)];
      }
    }
    return either;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundIsNeverAboveAPlanWithinBothBudgetsAndItsPlanKeepsBoth(Case c) {
    BudgetSearch search = new BudgetSearch(c.ttft, c.itl, c.cost, c.switching);
    double cheapest =
        allPlans(c.ttft.length, sizes(c))
            .map(search::plan)
            .filter(p -> p.ttftMisses() <= c.ttftBudget && p.itlMisses() <= c.itlBudget)
            .mapToDouble(BudgetSearch.Plan::gpuSeconds)
            .min()
            .orElse(Double.POSITIVE_INFINITY);
    BudgetSearch.Bound bound = search.bound(c.ttftBudget, c.itlBudget);

    if (cheapest == Double.POSITIVE_INFINITY) {
      assertThat(bound == null || bound.plan() == null).isTrue();
      return;
    }
    assertThat(bound).isNotNull();
    assertThat(bound.gpuSeconds()).isLessThanOrEqualTo(cheapest + 1e-9);
    assertThat(bound.plan()).isNotNull();
    assertThat(bound.plan().ttftMisses()).isLessThanOrEqualTo(c.ttftBudget);
    assertThat(bound.plan().itlMisses()).isLessThanOrEqualTo(c.itlBudget);
    assertThat(bound.plan().gpuSeconds()).isGreaterThanOrEqualTo(cheapest - 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundIsAtLeastTheOldOneOfTwiceTheBudgetForMissesOfEither(Case c) {
    // each budget the old one's half, each request missing one target at most (so either = sum)
    long half = c.ttftBudget;
    PlanSearch.Bound old = new PlanSearch(sum(c.ttft, c.itl), c.cost, c.switching).bound(2 * half);
    BudgetSearch.Bound bound =
        new BudgetSearch(c.ttft, c.itl, c.cost, c.switching).bound(half, half);

    if (old == null) {
      assertThat(bound).isNull();
      return;
    }
    if (bound != null) {
      assertThat(bound.gpuSeconds()).isGreaterThanOrEqualTo(old.gpuSeconds() - 1e-9);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundIsAtLeastThatOfEachBudgetAlone(Case c) {
    BudgetSearch.Bound bound =
        new BudgetSearch(c.ttft, c.itl, c.cost, c.switching).bound(c.ttftBudget, c.itlBudget);
    PlanSearch.Bound ttftAlone = new PlanSearch(c.ttft, c.cost, c.switching).bound(c.ttftBudget);
    PlanSearch.Bound itlAlone = new PlanSearch(c.itl, c.cost, c.switching).bound(c.itlBudget);

    if (ttftAlone == null || itlAlone == null) {
      assertThat(bound).isNull();
      return;
    }
    if (bound != null) {
      assertThat(bound.gpuSeconds())
          .isGreaterThanOrEqualTo(Math.max(ttftAlone.gpuSeconds(), itlAlone.gpuSeconds()) - 1e-9);
    }
  }
}
