package dev.llmscale.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockHashesTest {

  @Test
  void onlyFullBlocksAreHashedAndEqualPrefixesHashEqual() {
    int[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] b = {1, 2, 3, 4, 5, 6, 7, 0, 9};

    long[] ha = BlockHashes.ofTokens(a, 4);
    long[] hb = BlockHashes.ofTokens(b, 4);

    assertThat(ha).hasSize(2);
    assertThat(ha[0]).isEqualTo(hb[0]);
    assertThat(ha[1]).isNotEqualTo(hb[1]);
  }

  @Test
  void aBlockHashDependsOnEveryEarlierToken() {
    long[] ha = BlockHashes.ofTokens(new int[] {1, 2, 3, 4}, 2);
    long[] hb = BlockHashes.ofTokens(new int[] {9, 2, 3, 4}, 2);

    assertThat(ha[1]).isNotEqualTo(hb[1]);
  }

  @Test
  void coarseTraceBlocksExpandIntoChainedFineBlocks() {
    long[] a = BlockHashes.ofCoarseIds(new long[] {0, 1}, 512, 700, 16);
    long[] b = BlockHashes.ofCoarseIds(new long[] {0, 2}, 512, 1024, 16);

    assertThat(a).hasSize(43);
    assertThat(b).hasSize(64);
    assertThat(java.util.Arrays.copyOf(a, 32)).isEqualTo(java.util.Arrays.copyOf(b, 32));
    assertThat(a[32]).isNotEqualTo(b[32]);
  }
}
