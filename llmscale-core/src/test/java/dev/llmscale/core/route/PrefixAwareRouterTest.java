package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.kv.BlockHashes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrefixAwareRouterTest {
  private static final int BLOCK = 16;

  /** A prompt of {@code blocks} full blocks; prompts with the same seed share their prefix. */
  static int[] prompt(int seed, int blocks) {
    return IntStream.range(0, blocks * BLOCK).map(i -> seed * 100_000 + i).toArray();
  }

  /** {@code prefix} followed by {@code extraBlocks} blocks unique to {@code tail}. */
  static int[] extend(int[] prefix, int tail, int extraBlocks) {
    int[] tokens = java.util.Arrays.copyOf(prefix, prefix.length + extraBlocks * BLOCK);
    for (int i = prefix.length; i < tokens.length; i++) {
      tokens[i] = 7_000_000 + tail * 1000 + i;
    }
    return tokens;
  }

  static RouteRequest request(int[] tokens) {
    return new RouteRequest(BlockHashes.ofTokens(tokens, BLOCK), tokens.length);
  }

  static ReplicaLoad load(String id, int inFlight) {
    return new ReplicaLoad(id, inFlight, 0, 0, 0);
  }

  /** A prompt the router already sent to a replica (seeded by routing it there alone). */
  record Seen(String replica, int[] tokens) {}

  record Case(
      String name, List<Seen> history, List<ReplicaLoad> replicas, int[] request, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    int[] system = prompt(1, 8);
    int[] other = prompt(2, 8);
    return Stream.of(
            new Case(
                "the replica that cached the prefix wins at equal load",
                List.of(new Seen("b", extend(system, 1, 2))),
                List.of(load("a", 0), load("b", 0)),
                extend(system, 2, 2),
                "b"),
            new Case(
                "the cached prefix wins while its replica is within the slack",
                List.of(new Seen("a", extend(system, 1, 2))),
                List.of(load("a", 5), load("b", 1)),
                extend(system, 2, 2),
                "a"),
            new Case(
                "affinity yields to load beyond the slack",
                List.of(new Seen("a", extend(system, 1, 2))),
                List.of(load("a", 10), load("b", 2)),
                extend(system, 2, 2),
                "b"),
            new Case(
                "the slack grows with the load (a quarter of the least loaded)",
                List.of(new Seen("a", extend(system, 1, 2))),
                List.of(load("a", 48), load("b", 36)),
                extend(system, 2, 2),
                "a"),
            new Case(
                "the longest cached prefix wins",
                List.of(
                    new Seen("a", extend(java.util.Arrays.copyOf(system, 2 * BLOCK), 1, 6)),
                    new Seen("b", extend(java.util.Arrays.copyOf(system, 6 * BLOCK), 2, 2))),
                List.of(load("a", 0), load("b", 0)),
                extend(system, 3, 1),
                "b"),
            new Case(
                "among equal prefixes the less loaded wins",
                List.of(new Seen("a", system), new Seen("b", system)),
                List.of(load("a", 3), load("b", 1), load("c", 0)),
                extend(system, 3, 1),
                "b"),
            new Case(
                "without a cached prefix the least loaded wins",
                List.of(new Seen("a", other)),
                List.of(load("a", 3), load("b", 1), load("c", 2)),
                extend(system, 3, 1),
                "b"),
            new Case(
                "a prompt shorter than a block has no affinity",
                List.of(new Seen("a", system)),
                List.of(load("a", 2), load("b", 1)),
                java.util.Arrays.copyOf(system, BLOCK - 1),
                "b"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void balancesCacheAffinityAgainstLoad(Case c) {
    PrefixAwareRouter router = new PrefixAwareRouter();
    for (Seen seen : c.history()) {
      router.choose(request(seen.tokens()), List.of(load(seen.replica(), 0)), 0);
    }

    assertThat(router.choose(request(c.request()), c.replicas(), 1).id()).isEqualTo(c.expected());
  }

  @Test
  void creditsTheChosenReplicaWithThePromptsBlocks() {
    PrefixAwareRouter router = new PrefixAwareRouter();
    RouteRequest first = request(prompt(1, 5));

    String chosen = router.choose(first, List.of(load("a", 0), load("b", 0)), 0).id();

    assertThat(router.cachedBlocks(chosen, first.blockHashes())).isEqualTo(5);
    assertThat(router.cachedBlocks(chosen.equals("a") ? "b" : "a", first.blockHashes())).isZero();
  }

  @Test
  void aForgottenReplicaLosesItsAffinity() {
    PrefixAwareRouter router = new PrefixAwareRouter();
    RouteRequest seen = request(prompt(1, 5));
    router.choose(seen, List.of(load("a", 0)), 0);

    router.forget("a");

    assertThat(router.cachedBlocks("a", seen.blockHashes())).isZero();
  }

  /**
   * Every request shares one long system prompt, the case where a purely cache-aware router sends
   * everything to one replica. Requests stay in flight for a while, so load builds up: with the
   * slack the prefix spreads over the replicas and their loads stay within the slack of each other,
   * while most requests still land where the prefix is cached.
   */
  @Test
  void aHotSharedPrefixDoesNotCreateAHotSpot() {
    HotPrefixRun bounded = HotPrefixRun.run(new PrefixAwareRouter());
    HotPrefixRun unbounded =
        HotPrefixRun.run(
            new PrefixAwareRouter(
                LoadScore.DEFAULT, 1e9, 0, PrefixAwareRouter.DEFAULT_BLOCKS_PER_REPLICA));

    assertThat(unbounded.maxImbalance).as("pure affinity piles up").isGreaterThanOrEqualTo(40);
    assertThat(bounded.maxImbalance)
        .as("largest in-flight gap between replicas")
        .isLessThanOrEqualTo(
            (int) (PrefixAwareRouter.DEFAULT_SLACK_REQUESTS + 0.25 * HotPrefixRun.IN_FLIGHT / 3)
                + 1);
    assertThat(bounded.cacheHitShare)
        .as("requests sent where the prefix is cached")
        .isGreaterThan(0.95);
  }

  /** 600 requests, each in flight for the next 60 arrivals, over 3 replicas. */
  private static final class HotPrefixRun {
    static final int IN_FLIGHT = 60;
    int maxImbalance;
    double cacheHitShare;

    static HotPrefixRun run(PrefixAwareRouter router) {
      HotPrefixRun result = new HotPrefixRun();
      int[] system = prompt(9, 32);
      long[] systemBlocks = BlockHashes.ofTokens(system, BLOCK);
      List<String> ids = List.of("a", "b", "c");
      Map<String, Integer> inFlight = new HashMap<>(Map.of("a", 0, "b", 0, "c", 0));
      ArrayDeque<String> open = new ArrayDeque<>();
      int hits = 0;
      int total = 600;
      for (int i = 0; i < total; i++) {
        if (open.size() == IN_FLIGHT) {
          inFlight.merge(open.poll(), -1, Integer::sum);
        }
        List<ReplicaLoad> replicas = new ArrayList<>();
        for (String id : ids) {
          replicas.add(load(id, inFlight.get(id)));
        }
        Map<String, Boolean> cached = new HashMap<>();
        for (String id : ids) {
          cached.put(id, router.cachedBlocks(id, systemBlocks) == systemBlocks.length);
        }

        String chosen = router.choose(request(extend(system, i, 2)), replicas, i).id();

        if (cached.get(chosen)) {
          hits++;
        }
        inFlight.merge(chosen, 1, Integer::sum);
        open.add(chosen);
        int max = inFlight.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = inFlight.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        result.maxImbalance = Math.max(result.maxImbalance, max - min);
      }
      result.cacheHitShare = hits / (double) total;
      return result;
    }
  }
}
