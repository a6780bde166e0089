package dev.llmscale.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LeadTimeEstimatorTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void startsAtThePriorAndMovesTowardsTheMeasuredLeadTime() {
    LeadTimeEstimator lead = new LeadTimeEstimator(300 * SECOND, 2, 20);
    assertThat(lead.estimateNanos()).isEqualTo(300 * SECOND);

    lead.requested(0, 2);
    lead.ready(120 * SECOND, 1);
    lead.ready(150 * SECOND, 1);

    // (2 x 300 + 120 + 150) / 4
    assertThat(lead.estimateNanos()).isEqualTo(217_500_000_000L);
    for (int i = 0; i < 20; i++) {
      long t = 1000L * (i + 1) * SECOND;
      lead.requested(t, 1);
      lead.ready(t + 100 * SECOND, 1);
    }
    // the window keeps the last 20 samples: (600 + 20 x 100) / 22
    assertThat(lead.estimateNanos() / SECOND).isEqualTo(118);
  }

  @Test
  void readyReplicasCloseTheOldestRequestsAndWithdrawnOnesCloseNothing() {
    LeadTimeEstimator lead = new LeadTimeEstimator(300 * SECOND, 0.001, 10);
    lead.requested(0, 1);
    lead.requested(60 * SECOND, 2);
    lead.withdrawn(1); // the scale-down cancels the newest request

    lead.ready(200 * SECOND, 5); // one restart among them: only two tickets are open

    assertThat(lead.sampleCount()).isEqualTo(2);
    assertThat(lead.pending()).isZero();
    assertThat(lead.estimateNanos() / SECOND).isEqualTo(170); // (200 + 140) / 2
  }

  @Test
  void invalidSettingsNameTheField() {
    assertThatThrownBy(() -> new LeadTimeEstimator(0, 1, 10))
        .hasMessageContaining("leadTime.prior must be > 0");
    assertThatThrownBy(() -> new LeadTimeEstimator(SECOND, -1, 10))
        .hasMessageContaining("leadTime.priorWeight must be >= 0");
    assertThatThrownBy(() -> new LeadTimeEstimator(SECOND, 1, 0))
        .hasMessageContaining("leadTime.window must be >= 1");
  }
}
