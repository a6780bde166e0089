package dev.llmscale.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import org.junit.jupiter.api.Test;

class KvCapacityTest {
  private static final long GIB = 1L << 30;
  private static final ModelSpec QWEN3_06B =
      new ModelSpec("qwen3-0.6b", "Qwen/Qwen3-0.6B", 751_632_384L, 28, 1024, 16, 8, 128, 2, 40960);
  private static final ModelSpec LLAMA_70B =
      new ModelSpec(
          "llama-3.3-70b",
          "meta-llama/Llama-3.3-70B-Instruct",
          70_553_706_496L,
          80,
          8192,
          64,
          8,
          128,
          2,
          131072);
  private static final GpuSpec H100 =
      new GpuSpec("h100", "NVIDIA H100 80GB", 80 * GIB, 3.35e12, 989e12, 6.98);

  @Test
  void kvBytesPerTokenFollowsLayersKvHeadsAndHeadDim() {
    assertThat(QWEN3_06B.kvBytesPerToken()).isEqualTo(2L * 28 * 8 * 128 * 2); // 114,688 B
    assertThat(LLAMA_70B.kvBytesPerToken()).isEqualTo(2L * 80 * 8 * 128 * 2); // 327,680 B
  }

  @Test
  void blocksAreWhatRemainsAfterWeightsAndReserve() {
    int blocks = KvCapacity.blocks(QWEN3_06B, H100, 1, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES);

    double expected =
        (80 * GIB * 0.9 - KvCapacity.DEFAULT_RESERVED_BYTES - QWEN3_06B.weightBytes())
            / (16.0 * QWEN3_06B.kvBytesPerToken());
    assertThat(blocks).isEqualTo((int) Math.floor(expected));
    assertThat(blocks * 16L).isBetween(550_000L, 650_000L); // vLLM logs ~0.6M tokens here
  }

  @Test
  void aModelTooLargeForItsGpusIsRejectedWithTheNumbers() {
    assertThatThrownBy(
            () -> KvCapacity.blocks(LLAMA_70B, H100, 1, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("llama-3.3-70b does not fit on 1 x h100")
        .hasMessageContaining("weights 131.4 GiB");
    assertThat(KvCapacity.blocks(LLAMA_70B, H100, 4, 0.9, 16, KvCapacity.DEFAULT_RESERVED_BYTES))
        .isPositive();
  }
}
