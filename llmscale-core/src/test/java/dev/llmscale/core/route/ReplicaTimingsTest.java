package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReplicaTimingsTest {

  @Test
  void startsUnknownThenAveragesWithTheNewestWeighted() {
    ReplicaTimings timings = new ReplicaTimings(0.5);
    assertThat(timings.meanServiceSeconds()).isNaN();
    assertThat(timings.unqueuedTtftSeconds()).isNaN();

    timings.finished(2.0);
    timings.finished(4.0);

    assertThat(timings.meanServiceSeconds()).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void onlyUnqueuedRequestsTellThePrefillTime() {
    ReplicaTimings timings = new ReplicaTimings(0.5);

    timings.firstToken(0.1, false);
    timings.firstToken(5.0, true);

    assertThat(timings.unqueuedTtftSeconds()).isCloseTo(0.1, within(1e-12));
  }
}
