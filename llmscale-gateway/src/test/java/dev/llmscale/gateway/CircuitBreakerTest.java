package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void ejectsAfterConsecutiveFailuresAndProbesOnceAfterTheEjection() {
    CircuitBreaker breaker = new CircuitBreaker(3, 10 * SECOND, 60 * SECOND);

    assertThat(breaker.failed(0)).isFalse();
    breaker.succeeded();
    assertThat(breaker.failed(1)).isFalse();
    assertThat(breaker.failed(2)).isFalse();
    assertThat(breaker.failed(3)).as("third in a row").isTrue();
    assertThat(breaker.allows(5 * SECOND)).isFalse();

    assertThat(breaker.allows(10 * SECOND + 3)).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    breaker.dispatched();
    assertThat(breaker.allows(10 * SECOND + 4)).as("one probe at a time").isFalse();

    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.allows(10 * SECOND + 5)).isTrue();
  }

  @Test
  void aFailedProbeEjectsForTwiceAsLongUpToTheCap() {
    CircuitBreaker breaker = new CircuitBreaker(1, 10 * SECOND, 25 * SECOND);
    breaker.failed(0);

    assertThat(breaker.allows(10 * SECOND)).isTrue();
    breaker.dispatched();
    assertThat(breaker.failed(10 * SECOND)).isTrue();
    assertThat(breaker.allows(29 * SECOND)).isFalse();
    assertThat(breaker.allows(30 * SECOND)).isTrue();
    breaker.dispatched();
    breaker.failed(30 * SECOND);
    assertThat(breaker.allows(54 * SECOND)).isFalse();
    assertThat(breaker.allows(55 * SECOND)).as("capped at 25 s").isTrue();
  }

  @Test
  void anAbandonedProbeFreesTheSlot() {
    CircuitBreaker breaker = new CircuitBreaker(1, SECOND, SECOND);
    breaker.failed(0);
    breaker.allows(SECOND);
    breaker.dispatched();

    breaker.abandoned();

    assertThat(breaker.allows(SECOND + 1)).isTrue();
  }
}
