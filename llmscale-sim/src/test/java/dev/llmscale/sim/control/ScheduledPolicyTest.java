package dev.llmscale.sim.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.policy.Observation;
import dev.llmscale.core.policy.ServiceDecision;
import dev.llmscale.core.policy.ServiceState;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduledPolicyTest {
  private static final long S = 1_000_000_000L;

  /** 1 replica for five minutes, then 3; replicas asked for 210 s ahead. */
  @ParameterizedTest(name = "at {0} s with {1} replicas: {2}")
  @CsvSource({
    "0,    1, 1", // windows 0-3
    "60,   1, 1", // windows 1-4: the step at 300 s is more than 210 s away
    "90,   1, 3", // windows 1-5: asked for 210 s before it is needed
    "400,  1, 3",
    "3000, 3, 3" // past the plan's end its last window holds
  })
  void asksForTheMostTheCoveredWindowsHold(long second, int current, int expected) {
    ScheduledPolicy policy =
        new ScheduledPolicy("llm", 60 * S, new int[] {1, 1, 1, 1, 1, 3, 3}, 210 * S, 15 * S);
    long now = second * S;

    ServiceDecision decision =
        policy.tick(now, Observation.of("llm", ServiceState.steady(current), Map.of())).only();

    assertThat(decision.currentReplicas()).isEqualTo(current);
    assertThat(decision.desiredReplicas()).isEqualTo(expected);
  }
}
