package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticWorkloadTest {

  @Test
  void fixedLengthsAreExact() {
    SyntheticWorkload workload =
        new SyntheticWorkload(
            TokenDistribution.fixed(3000),
            TokenDistribution.fixed(250),
            null,
            new SplittableRandom(1));

    for (int i = 0; i < 10; i++) {
      WorkloadRequest request = workload.next().orElseThrow();
      assertThat(request.index()).isEqualTo(i);
      assertThat(request.inputTokens()).isEqualTo(3000);
      assertThat(request.outputTokens()).isEqualTo(250);
      assertThat(request.prompt())
          .containsExactly(new PromptSegment(PromptSegment.Source.UNIQUE, i, 3000));
      assertThat(request.sharedPrefixId()).isEqualTo(-1);
    }
  }

  @Test
  void drawnLengthsHaveTheRequestedMeanAndSpread() {
    SyntheticWorkload workload =
        new SyntheticWorkload(
            TokenDistribution.normal(1000, 200),
            TokenDistribution.normal(200, 50),
            null,
            new SplittableRandom(2));
    int n = 20_000;
    double[] inputs = new double[n];
    IntSummaryStatistics outputs = new IntSummaryStatistics();
    for (int i = 0; i < n; i++) {
      WorkloadRequest request = workload.next().orElseThrow();
      inputs[i] = request.inputTokens();
      outputs.accept(request.outputTokens());
    }
    double mean = java.util.Arrays.stream(inputs).average().orElseThrow();
    double sd =
        Math.sqrt(java.util.Arrays.stream(inputs).map(x -> (x - mean) * (x - mean)).sum() / n);

    assertThat(mean).isCloseTo(1000, within(5.0));
    assertThat(sd).isCloseTo(200, within(6.0));
    assertThat(outputs.getAverage()).isCloseTo(200, within(2.0));
    assertThat(outputs.getMin()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void clampsDrawsToTheBounds() {
    TokenDistribution narrow = new TokenDistribution(10, 100, 5, 12);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertThat(narrow.sample(random)).isBetween(5, 12);
    }
    assertThatThrownBy(() -> new TokenDistribution(3, 1, 5, 12)).hasMessageContaining("mean");
    assertThatThrownBy(() -> TokenDistribution.normal(10, -1)).hasMessageContaining("stddev");
  }

  @Test
  void sharedPrefixesLeadThePromptAndComeOnTopOfTheDrawnLength() {
    SyntheticWorkload workload =
        new SyntheticWorkload(
            TokenDistribution.fixed(100),
            TokenDistribution.fixed(10),
            new SharedPrefixPool(4, 512),
            new SplittableRandom(4));
    Set<Long> used = new HashSet<>();

    for (int i = 0; i < 400; i++) {
      WorkloadRequest request = workload.next().orElseThrow();
      assertThat(request.inputTokens()).isEqualTo(612);
      assertThat(request.prompt()).hasSize(2);
      assertThat(request.prompt().get(0).source()).isEqualTo(PromptSegment.Source.SHARED_PREFIX);
      assertThat(request.prompt().get(0).tokens()).isEqualTo(512);
      assertThat(request.prompt().get(1))
          .isEqualTo(new PromptSegment(PromptSegment.Source.UNIQUE, i, 100));
      used.add(request.sharedPrefixId());
    }
    assertThat(used).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
  }
}
