package dev.llmscale.sim.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanSearchTest {

  /** A small random instance: misses falling with size, windows of 60 GPU-seconds. */
  private record Case(
      String name, long[][] misses, double[] cost, SwitchingCosts switching, long budget) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case random(String name, long seed, int windows, int sizes, boolean switching) {
    return random(name, seed, windows, sizes, switching, false);
  }

  /**
   * With {@code noneWithout}, misses fall from size 1 on and there are none at size 0, as ITL
   * misses: a window without replicas completes nothing.
   */
  private static Case random(
      String name, long seed, int windows, int sizes, boolean switching, boolean noneWithout) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][] misses = new long[windows][];
    double[] cost = new double[windows];
    long worst = 0;
    long unavoidable = 0;
    for (int w = 0; w < windows; w++) {
      int length = 1 + random.nextInt(sizes);
      misses[w] = new long[length];
      misses[w][0] = random.nextInt(40);
      for (int n = 1; n < length; n++) {
        misses[w][n] = misses[w][n - 1] - random.nextInt((int) misses[w][n - 1] + 1);
      }
      cost[w] = w == windows - 1 ? 30 : 60;
      worst += misses[w][0];
      if (noneWithout) {
        misses[w][0] = 0;
      }
      unavoidable += Arrays.stream(misses[w]).min().orElseThrow();
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
    // at least what the fewest misses of every window add up to: a budget free changes can meet
    long budget = unavoidable + random.nextLong((worst - unavoidable) / 2 + 1);
    return new Case(name, misses, cost, costs, budget);
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
            random("none without replicas, free changes", 8, 5, 4, false, true),
            random("none without replicas, start and stop costs", 9, 5, 4, true, true),
            random("none without replicas, start and stop costs again", 10, 4, 5, true, true))
        .map(Arguments::of);
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

  private static int sizes(Case c) {
    int largest = c.switching.initial();
    for (long[] m : c.misses) {
      largest = Math.max(largest, m.length - 1);
    }
    return largest + 2; // one beyond what the search considers
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSearchFindsTheSameMinimumAsTryingEveryPlan(Case c) {
    PlanSearch search = new PlanSearch(c.misses, c.cost, c.switching);
    for (double lambda : new double[] {0, 0.5, 3, 17, 60, 1000}) {
      double brute =
          allPlans(c.misses.length, sizes(c))
              .mapToDouble(plan -> search.cost(plan) + lambda * search.misses(plan))
              .min()
              .orElseThrow();
      PlanSearch.Plan plan = search.cheapest(lambda);

      assertThat(plan.gpuSeconds() + lambda * plan.misses()).isCloseTo(brute, within(1e-9));
      assertThat(plan.gpuSeconds()).isEqualTo(search.cost(plan.sizes()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundIsNeverAboveAPlanThatMeetsTheBudget(Case c) {
    PlanSearch search = new PlanSearch(c.misses, c.cost, c.switching);
    double cheapest =
        allPlans(c.misses.length, sizes(c))
            .filter(plan -> search.misses(plan) <= c.budget)
            .mapToDouble(search::cost)
            .min()
            .orElse(Double.POSITIVE_INFINITY);
    PlanSearch.Bound bound = search.bound(c.budget);

    if (cheapest == Double.POSITIVE_INFINITY) {
      assertThat(bound).isNull();
      return;
    }
    assertThat(bound.gpuSeconds()).isLessThanOrEqualTo(cheapest + 1e-9);
    assertThat(bound.plan().misses()).isLessThanOrEqualTo(c.budget);
    assertThat(bound.plan().gpuSeconds()).isGreaterThanOrEqualTo(cheapest - 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutChangeCostsItIsThePerWindowBound(Case c) {
    SwitchingCosts none = SwitchingCosts.none(c.misses.length);
    PlanSearch.Bound bound = new PlanSearch(c.misses, c.cost, none).bound(c.budget);

    assertThat(bound.gpuSeconds()).isCloseTo(perWindowBound(c), within(1e-6));
  }

  /** The bound before switching costs: each window on its own, bisection on the price. */
  private static double perWindowBound(Case c) {
    double low = 0;
    double high = 1;
    for (int w = 0; w < c.misses.length; w++) {
      high += c.cost[w] * (c.misses[w].length - 1);
    }
    double best = perWindowDual(c, 0);
    for (int i = 0; i < 60; i++) {
      double mid = (low + high) / 2;
      best = Math.max(best, perWindowDual(c, mid));
      long missed = 0;
      for (int w = 0; w < c.misses.length; w++) {
        missed += c.misses[w][perWindowSize(c, w, mid)];
      }
      if (missed > c.budget) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return Math.max(best, perWindowDual(c, high));
  }

  private static double perWindowDual(Case c, double lambda) {
    double sum = -lambda * c.budget;
    for (int w = 0; w < c.misses.length; w++) {
      int n = perWindowSize(c, w, lambda);
      sum += n * c.cost[w] + lambda * c.misses[w][n];
    }
    return sum;
  }

  private static int perWindowSize(Case c, int w, double lambda) {
    int best = 0;
    double bestValue = Double.POSITIVE_INFINITY;
    for (int n = 0; n < c.misses[w].length; n++) {
      double value = n * c.cost[w] + lambda * c.misses[w][n];
      if (value <= bestValue) {
        best = n;
        bestValue = value;
      }
    }
    return best;
  }

  @Test
  void aDipShorterThanTheChangesCostIsHeldThrough() {
    // two busy windows around a quiet one: dropping to 1 and coming back costs 100 + 100 more
    // than the 60 a replica costs for the quiet window
    long[][] misses = {{50, 10, 0}, {50, 0}, {50, 10, 0}};
    double[] stops = {0, 100, 100};
    SwitchingCosts switching = new SwitchingCosts(2, 100, stops, 0, "test");
    PlanSearch search = new PlanSearch(misses, new double[] {60, 60, 60}, switching);

    PlanSearch.Bound bound = search.bound(0);

    assertThat(bound.plan().sizes()).containsExactly(2, 2, 2);
    assertThat(bound.gpuSeconds()).isCloseTo(360, within(1e-6));
  }

  @Test
  void noWindowGrowsBeforeNewCapacityCanArrive() {
    // growing is impossible before window 2: the first two windows keep the initial replica
    long[][] misses = {{9, 5, 0}, {9, 5, 0}, {9, 5, 0}};
    SwitchingCosts switching = new SwitchingCosts(1, 0, new double[3], 2, "test");
    PlanSearch search = new PlanSearch(misses, new double[] {60, 60, 60}, switching);

    assertThat(search.fewestMisses()).isEqualTo(10);
    assertThat(search.bound(9)).isNull();
    assertThat(Arrays.stream(search.bound(10).plan().sizes()).boxed()).containsExactly(1, 1, 2);
  }
}
