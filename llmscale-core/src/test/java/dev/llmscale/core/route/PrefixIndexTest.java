package dev.llmscale.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixIndexTest {

  @Test
  void matchesLeadingBlocksUpToTheFirstMiss() {
    PrefixIndex index = new PrefixIndex(100);
    index.record("a", new long[] {1, 2, 3, 4});

    assertThat(index.matchedBlocks("a", new long[] {1, 2, 3, 9, 4})).isEqualTo(3);
    assertThat(index.matchedBlocks("a", new long[] {9, 1, 2})).isZero();
    assertThat(index.matchedBlocks("b", new long[] {1, 2})).isZero();
  }

  @Test
  void forgetsTheLeastRecentlyRoutedBlocksFirst() {
    PrefixIndex index = new PrefixIndex(4);
    index.record("a", new long[] {1, 2, 3});
    index.record("a", new long[] {1, 7, 8});

    assertThat(index.size("a")).isEqualTo(4);
    // One block had to go: the old prompt's tail (3), not the shared head routed again (1).
    assertThat(index.matchedBlocks("a", new long[] {1, 7, 8})).isEqualTo(3);
    assertThat(index.matchedBlocks("a", new long[] {1, 2, 3})).isEqualTo(2);
  }

  @Test
  void aPromptsFirstBlockOutlivesItsTail() {
    PrefixIndex index = new PrefixIndex(3);
    index.record("a", new long[] {1, 2, 3});
    index.record("a", new long[] {5});

    assertThat(index.matchedBlocks("a", new long[] {1, 2, 3})).isEqualTo(2);
  }
}
