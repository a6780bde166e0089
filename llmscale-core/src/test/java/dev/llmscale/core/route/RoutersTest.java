package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutersTest {

  @Test
  void createsEachRouterByItsName() {
    for (String name : Routers.names()) {
      assertThat(Routers.create(name).name()).isEqualTo(name);
    }
    assertThat(Routers.names()).containsExactly("round-robin", "least-load", "prefix-aware");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Routers.create("random"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'random'")
        .hasMessageContaining("least-load");
  }
}
