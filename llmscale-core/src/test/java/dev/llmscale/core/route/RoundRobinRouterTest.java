package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinRouterTest {
  private static final RouteRequest ANY = RouteRequest.withoutPrompt();

  @Test
  void takesTurnsWhateverTheLoad() {
    Router router = new RoundRobinRouter();
    List<ReplicaLoad> replicas =
        List.of(
            new ReplicaLoad("a", 50, 10, 40, 0.9),
            ReplicaLoad.idle("b"),
            new ReplicaLoad("c", 3, 0, 3, 0.1));

    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chosen.add(router.choose(ANY, replicas, i).id());
    }

    assertThat(chosen).containsExactly("a", "b", "c", "a", "b", "c");
  }

  @Test
  void keepsGoingWhenTheFleetShrinks() {
    Router router = new RoundRobinRouter();
    List<ReplicaLoad> three =
        List.of(ReplicaLoad.idle("a"), ReplicaLoad.idle("b"), ReplicaLoad.idle("c"));
    List<ReplicaLoad> two = List.of(ReplicaLoad.idle("a"), ReplicaLoad.idle("c"));

    router.choose(ANY, three, 0);
    router.choose(ANY, three, 1);
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chosen.add(router.choose(ANY, two, i).id());
    }

    assertThat(chosen).containsOnly("a", "c");
    assertThat(chosen.stream().filter("a"::equals).count()).isEqualTo(2);
  }
}
