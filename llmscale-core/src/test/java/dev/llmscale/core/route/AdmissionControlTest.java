package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdmissionControlTest {
  private static final double NAN = Double.NaN;

  record Case(
      String name,
      QueueState queue,
      double expectedForecast,
      boolean admitted,
      long expectedRetryAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "no queue: only the prefill time",
                new QueueState(0, 8, 5, 0.2, 2.0, 0.15),
                0.15,
                true,
                0),
            new Case(
                "nothing measured yet admits",
                new QueueState(12, 8, 0, 0.1, NAN, NAN),
                NAN,
                true,
                0),
            new Case(
                // 4 slots free per second; 3 ahead plus itself: 1 s, plus 0.1 s prefill
                "a queue ahead is waited out at the rate slots free",
                new QueueState(3, 8, 0, 0, 2.0, 0.1),
                1.1,
                false,
                1),
            new Case(
                "requests sent since the sample join the queue",
                new QueueState(3, 8, 4, 0, 2.0, 0.1),
                2.1,
                false,
                2),
            new Case(
                "the queue drains while the sample ages",
                new QueueState(3, 8, 0, 0.5, 2.0, 0.1),
                0.6,
                true,
                0),
            new Case(
                "a fully drained queue still waits for one slot",
                new QueueState(3, 8, 0, 10, 2.0, 0.1),
                0.35,
                true,
                0),
            new Case(
                "a long queue is refused with the time it needs to drain",
                new QueueState(40, 4, 0, 0, 1.0, 0.2),
                10.45,
                false,
                10))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWhatCannotStartWithinTheBudget(Case c) {
    AdmissionControl control = new AdmissionControl(0.7);

    Admission admission = control.decide(c.queue());

    if (Double.isNaN(c.expectedForecast())) {
      assertThat(admission.forecastSeconds()).isNaN();
    } else {
      assertThat(admission.forecastSeconds()).isCloseTo(c.expectedForecast(), within(1e-9));
    }
    assertThat(admission.admitted()).isEqualTo(c.admitted());
    assertThat(admission.retryAfterSeconds()).isEqualTo(c.expectedRetryAfter());
  }
}
