package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeastLoadRouterTest {

  record Case(String name, List<ReplicaLoad> replicas, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "fewest requests in flight",
                List.of(new ReplicaLoad("a", 5, 0, 5, 0), new ReplicaLoad("b", 2, 0, 2, 0)),
                "b"),
            new Case(
                "the engine's own count covers other gateways' requests",
                List.of(new ReplicaLoad("a", 1, 0, 9, 0), new ReplicaLoad("b", 4, 0, 4, 0)),
                "b"),
            new Case(
                "our in-flight count covers a stale engine sample",
                List.of(new ReplicaLoad("a", 7, 0, 0, 0), new ReplicaLoad("b", 3, 0, 3, 0)),
                "b"),
            new Case(
                "a queued request costs more than a running one",
                List.of(new ReplicaLoad("a", 6, 2, 4, 0), new ReplicaLoad("b", 7, 0, 7, 0)),
                "b"),
            new Case(
                "a fuller KV cache loses at equal counts",
                List.of(new ReplicaLoad("a", 4, 0, 4, 0.95), new ReplicaLoad("b", 4, 0, 4, 0.2)),
                "b"),
            new Case(
                "KV usage does not outweigh many more requests",
                List.of(new ReplicaLoad("a", 2, 0, 2, 0.9), new ReplicaLoad("b", 12, 0, 12, 0.1)),
                "a"),
            new Case(
                "at equal scores our own in-flight count wins over a stale engine sample",
                List.of(new ReplicaLoad("a", 1, 0, 1, 0), new ReplicaLoad("b", 0, 0, 1, 0)),
                "b"),
            new Case(
                "a single candidate is taken whatever its load",
                List.of(new ReplicaLoad("a", 300, 40, 256, 1)),
                "a"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void picksTheLeastLoaded(Case c) {
    assertThat(new LeastLoadRouter().choose(RouteRequest.withoutPrompt(), c.replicas(), 0).id())
        .isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ignoresTheCandidatesOrder(Case c) {
    List<ReplicaLoad> reversed = new ArrayList<>(c.replicas()).reversed();
    assertThat(new LeastLoadRouter().choose(RouteRequest.withoutPrompt(), reversed, 0).id())
        .isEqualTo(c.expected());
  }

  @org.junit.jupiter.api.Test
  void equallyLoadedReplicasTakeTurns() {
    Router router = new LeastLoadRouter();
    List<ReplicaLoad> idle =
        List.of(ReplicaLoad.idle("a"), ReplicaLoad.idle("b"), ReplicaLoad.idle("c"));

    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chosen.add(router.choose(RouteRequest.withoutPrompt(), idle, i).id());
    }

    assertThat(chosen).containsExactly("a", "b", "c", "a", "b", "c");
  }
}
