package dev.llmscale.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KvBlockPoolTest {

  @Test
  void allocatesUntilFullThenRefuses() {
    KvBlockPool pool = new KvBlockPool(3);
    assertThat(pool.allocate()).isNotNegative();
    assertThat(pool.allocate()).isNotNegative();
    assertThat(pool.allocate()).isNotNegative();

    assertThat(pool.allocate()).isEqualTo(-1);
    assertThat(pool.usage()).isEqualTo(1.0);
  }

  @Test
  void aFreedCachedBlockStaysFindableUntilEvicted() {
    KvBlockPool pool = new KvBlockPool(2);
    int block = pool.allocate();
    pool.cache(block, 42L);
    pool.release(block);

    assertThat(pool.cachedBlock(42L)).isEqualTo(block);
    assertThat(pool.freeBlocks()).isEqualTo(2);

    pool.allocate(); // the never-used block goes first
    assertThat(pool.cachedBlock(42L)).isEqualTo(block);
    pool.allocate(); // now the cached one is evicted
    assertThat(pool.cachedBlock(42L)).isEqualTo(-1);
  }

  @Test
  void sharingACachedFreeBlockTakesItOffTheFreeList() {
    KvBlockPool pool = new KvBlockPool(2);
    int block = pool.allocate();
    pool.cache(block, 7L);
    pool.release(block);

    pool.share(block);
    pool.share(block);

    assertThat(pool.refCount(block)).isEqualTo(2);
    assertThat(pool.freeBlocks()).isEqualTo(1);
    pool.release(block);
    assertThat(pool.freeBlocks()).isEqualTo(1);
    pool.release(block);
    assertThat(pool.freeBlocks()).isEqualTo(2);
  }

  @Test
  void evictsLeastRecentlyFreedFirst() {
    KvBlockPool pool = new KvBlockPool(3);
    int a = pool.allocate();
    int b = pool.allocate();
    int c = pool.allocate();
    pool.cache(a, 1L);
    pool.cache(b, 2L);
    pool.cache(c, 3L);
    pool.release(b);
    pool.release(a);
    pool.release(c);

    pool.allocate();

    assertThat(pool.cachedBlock(2L)).isEqualTo(-1);
    assertThat(pool.cachedBlock(1L)).isEqualTo(a);
    assertThat(pool.cachedBlock(3L)).isEqualTo(c);
  }

  @Test
  void releasingAFreeBlockIsAnError() {
    KvBlockPool pool = new KvBlockPool(1);
    assertThatThrownBy(() -> pool.release(0)).isInstanceOf(IllegalStateException.class);
  }
}
