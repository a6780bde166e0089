package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.workload.RequestTimeline;
import org.junit.jupiter.api.Test;

class RunTimelineTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void countsRequestsFarPastTheFirstMinuteInTheirOwnSecond() {
    RunTimeline timeline = new RunTimeline(0);
    long[] responses = {100 * SECOND, 100 * SECOND + 1, 130 * SECOND};
    RequestTimeline request = new RequestTimeline(true, 99 * SECOND, responses, 130 * SECOND, 30);

    timeline.add(request, true);
    timeline.addError(200 * SECOND);

    assertThat(timeline.seconds()).isEqualTo(201);
    assertThat(timeline.tokensPerSecond()[100]).isEqualTo(20.0);
    assertThat(timeline.tokensPerSecond()[130]).isEqualTo(10.0);
    assertThat(timeline.completedPerSecond()[130]).isEqualTo(1.0);
    assertThat(timeline.errorsPerSecond()[200]).isEqualTo(1.0);
  }
}
