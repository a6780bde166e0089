package dev.llmscale.core.route;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which prompt blocks each replica has probably cached: the block hashes of the prompts recently
 * routed to it, at most {@code blocksPerReplica} each, least recently routed forgotten first (as
 * the engine's own LRU evicts them). Because block hashes are chained, a replica holding block
 * {@code i} of a prompt holds the prompt's first {@code i + 1} blocks as it saw them.
 */
public final class PrefixIndex {
  private final int blocksPerReplica;
  private final Map<String, BoundedBlocks> byReplica = new HashMap<>();

  public PrefixIndex(int blocksPerReplica) {
    if (blocksPerReplica <= 0) {
      throw new IllegalArgumentException("blocksPerReplica must be > 0: " + blocksPerReplica);
    }
    this.blocksPerReplica = blocksPerReplica;
  }

  /** How many leading blocks of {@code hashes} the replica is believed to hold. */
  public int matchedBlocks(String replicaId, long[] hashes) {
    BoundedBlocks blocks = byReplica.get(replicaId);
    if (blocks == null) {
      return 0;
    }
    int matched = 0;
    while (matched < hashes.length && blocks.containsKey(hashes[matched])) {
      matched++;
    }
    return matched;
  }

  /** The prompt with these block hashes was sent to the replica: it now caches them. */
  public void record(String replicaId, long[] hashes) {
    if (hashes.length == 0) {
      return;
    }
    BoundedBlocks blocks =
        byReplica.computeIfAbsent(replicaId, id -> new BoundedBlocks(blocksPerReplica));
    // Last to first, so the prompt's first block ends up most recent and is forgotten last.
    for (int i = hashes.length - 1; i >= 0; i--) {
      blocks.put(hashes[i], Boolean.TRUE);
    }
  }

  public void forget(String replicaId) {
    byReplica.remove(replicaId);
  }

  /** Blocks remembered for the replica. */
  public int size(String replicaId) {
    BoundedBlocks blocks = byReplica.get(replicaId);
    return blocks == null ? 0 : blocks.size();
  }

  private static final class BoundedBlocks extends LinkedHashMap<Long, Boolean> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    BoundedBlocks(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > capacity;
    }
  }
}
