package dev.llmscale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.workload.PromptSegment;
import dev.llmscale.core.workload.PromptSegment.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptHashesTest {

  private static PromptSegment shared(long id, int tokens) {
    return new PromptSegment(Source.SHARED_PREFIX, id, tokens);
  }

  private static PromptSegment unique(long id, int tokens) {
    return new PromptSegment(Source.UNIQUE, id, tokens);
  }

  @Test
  void promptsWithTheSameLeadingSegmentShareExactlyTheBlocksItFills() {
    long[] a = PromptHashes.of(List.of(shared(3, 40), unique(1, 60)), 16);
    long[] b = PromptHashes.of(List.of(shared(3, 40), unique(2, 60)), 16);

    assertThat(a).hasSize(6); // 100 tokens: 6 full blocks
    // blocks 0 and 1 lie inside the shared 40 tokens; block 2 (32-47) mixes in the unique part
    assertThat(a[0]).isEqualTo(b[0]);
    assertThat(a[1]).isEqualTo(b[1]);
    assertThat(a[2]).isNotEqualTo(b[2]);
    assertThat(a[5]).isNotEqualTo(b[5]);
  }

  @Test
  void aBlockHashDependsOnEverythingBeforeIt() {
    long[] a = PromptHashes.of(List.of(shared(1, 16), shared(9, 16)), 16);
    long[] b = PromptHashes.of(List.of(shared(2, 16), shared(9, 16)), 16);

    assertThat(a[1]).isNotEqualTo(b[1]);
  }

  @Test
  void traceBlocksWithTheSameIdsGiveTheSamePrefix() {
    List<PromptSegment> first =
        List.of(new PromptSegment(Source.TRACE_BLOCK, 0, 512), unique(5, 100));
    List<PromptSegment> second =
        List.of(new PromptSegment(Source.TRACE_BLOCK, 0, 512), unique(6, 300));

    long[] a = PromptHashes.of(first, 16);
    long[] b = PromptHashes.of(second, 16);
    for (int i = 0; i < 32; i++) {
      assertThat(a[i]).isEqualTo(b[i]);
    }
    assertThat(a[32]).isNotEqualTo(b[32]);
  }
}
