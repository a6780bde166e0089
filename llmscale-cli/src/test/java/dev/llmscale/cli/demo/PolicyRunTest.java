package dev.llmscale.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.cli.demo.PolicyRun.WindowBy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRunTest {
  private static final double SLO = 0.5;

  private static RequestOutcome ok(double sent, double ttft) {
    return new RequestOutcome(sent, ttft, true);
  }

  private static RequestOutcome failed(double sent) {
    return new RequestOutcome(sent, Double.NaN, false);
  }

  private static PolicyRun run(List<RequestOutcome> requests, List<ReplicaSample> samples) {
    return new PolicyRun("threshold", requests, samples, SLO, 5, 5, 15);
  }

  @Test
  void judgesEachWindowByItsP99AndCountsAFailureAsAMiss() {
    List<RequestOutcome> requests = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      requests.add(ok(i * 0.5, 0.2)); // window 0..5: fast
    }
    requests.add(ok(6, 0.3));
    requests.add(ok(7, 0.9)); // window 5..10: one slow request is its p99
    requests.add(ok(11, 0.1));
    requests.add(failed(12)); // window 10..15: a failure
    PolicyRun run = run(requests, List.of());

    assertThat(run.windowP99(0, 15, WindowBy.SENT))
        .containsExactly(0.2, 0.9, Double.POSITIVE_INFINITY);
    assertThat(run.shareOfWindowsWithinSlo(0, 15, WindowBy.SENT)).isEqualTo(1.0 / 3);
    assertThat(run.shareOfWindowsWithinSlo(5, 15, WindowBy.SENT)).isZero();
    assertThat(run.sloAttainment()).isEqualTo(12.0 / 14);
    assertThat(run.errors()).isEqualTo(1);
    assertThat(run.windowRate(0, 15)).containsExactly(2.0, 0.4, 0.4);
  }

  @Test
  void byFirstTokenARequestCountsInTheWindowItsFirstTokenCameIn() {
    // sent at 1 s and 2 s; the second waited 9 s in a queue: its first token came at 11 s
    PolicyRun run = run(List.of(ok(1, 0.2), ok(2, 9.0), ok(12, 0.3), failed(13)), List.of());

    double[] bySent = run.windowP99(0, 15, WindowBy.SENT);
    double[] byFirstToken = run.windowP99(0, 15, WindowBy.FIRST_TOKEN);
    assertThat(bySent[0]).isEqualTo(9.0);
    assertThat(byFirstToken[0]).isEqualTo(0.2);
    assertThat(bySent[2]).isInfinite();
    assertThat(byFirstToken[2]).isInfinite();
    // 11 s and 12.3 s land in the third window with the failure sent at 13 s
    assertThat(run.shareOfWindowsWithinSlo(0, 15, WindowBy.FIRST_TOKEN)).isEqualTo(0.5);
    assertThat(run.shareOfWindowsWithinSlo(0, 15, WindowBy.SENT)).isZero();
  }

  @Test
  void windowsWithoutRequestsAreNotJudged() {
    PolicyRun run = run(List.of(ok(1, 0.1), ok(12, 0.2)), List.of());

    assertThat(run.windowP99(0, 15, WindowBy.SENT)[1]).isNaN();
    assertThat(run.shareOfWindowsWithinSlo(0, 15, WindowBy.SENT)).isEqualTo(1.0);
  }

  @Test
  void replicaSecondsCountStartingReplicasAndActionsCountChangesOfTheDesiredCount() {
    List<ReplicaSample> samples =
        List.of(
            new ReplicaSample(0, 1, 1, 1, 0.1),
            new ReplicaSample(10, 3, 3, 1, 0.9), // two starting
            new ReplicaSample(20, 3, 3, 3, 0.3),
            new ReplicaSample(30, 2, 2, 2, 0.2),
            new ReplicaSample(40, 2, 2, 2, 0.2));
    PolicyRun run = run(List.of(), samples);

    assertThat(run.replicaSeconds()).isCloseTo(10 * 1 + 10 * 3 + 10 * 3 + 10 * 2, within(1e-9));
    assertThat(run.scalingActions()).isEqualTo(2);
    assertThat(run.maxReplicas()).isEqualTo(3);
  }

  @Test
  void quantilesUseTheNearestRank() {
    double[] sorted = new double[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertThat(PolicyRun.quantile(sorted, 0.99)).isEqualTo(99);
    assertThat(PolicyRun.quantile(sorted, 0.5)).isEqualTo(50);
    assertThat(PolicyRun.quantile(new double[] {7}, 0.99)).isEqualTo(7);
    assertThat(PolicyRun.quantile(new double[0], 0.99)).isNaN();
  }
}
