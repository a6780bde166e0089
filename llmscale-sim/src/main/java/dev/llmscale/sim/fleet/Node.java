package dev.llmscale.sim.fleet;

/** One GPU node of the pool: its GPUs, who holds them, and when it was billed. */
public final class Node {
  private final int ordinal;
  private final int gpus;
  private final long createdNanos;
  private NodeState state = NodeState.PROVISIONING;
  private long readyNanos = -1;
  private long removedNanos = -1;
  private int usedGpus;
  private int replicas;
  private long emptySinceNanos;
  private boolean imagePresent;

  Node(int ordinal, int gpus, long createdNanos) {
    this.ordinal = ordinal;
    this.gpus = gpus;
    this.createdNanos = createdNanos;
    this.emptySinceNanos = createdNanos;
  }

  public int ordinal() {
    return ordinal;
  }

  public String id() {
    return "node-" + ordinal;
  }

  public int gpus() {
    return gpus;
  }

  public int usedGpus() {
    return usedGpus;
  }

  public int freeGpus() {
    return gpus - usedGpus;
  }

  /** Replicas placed here. */
  public int replicas() {
    return replicas;
  }

  public NodeState state() {
    return state;
  }

  public long createdNanos() {
    return createdNanos;
  }

  public long readyNanos() {
    return readyNanos;
  }

  /** When its last replica left (or it was created, if none came). */
  public long emptySinceNanos() {
    return emptySinceNanos;
  }

  /** The serving image is in the node's cache: replicas placed here skip the pull. */
  public boolean imagePresent() {
    return imagePresent;
  }

  /** Seconds it was billed within {@code [0, untilNanos]}. */
  public double billedSeconds(long untilNanos) {
    long end = removedNanos >= 0 ? Math.min(removedNanos, untilNanos) : untilNanos;
    return Math.max(0, end - createdNanos) / 1e9;
  }

  void ready(long nowNanos) {
    state = NodeState.READY;
    readyNanos = nowNanos;
  }

  void removed(long nowNanos) {
    state = NodeState.REMOVED;
    removedNanos = nowNanos;
  }

  void emptySince(long nowNanos) {
    emptySinceNanos = nowNanos;
  }

  void imagePulled() {
    imagePresent = true;
  }

  void hold(int count) {
    if (count > freeGpus()) {
      throw new IllegalStateException(id() + " has " + freeGpus() + " free GPUs, not " + count);
    }
    usedGpus += count;
    replicas++;
  }

  void release(int count, long nowNanos) {
    usedGpus -= count;
    replicas--;
    if (replicas == 0) {
      emptySinceNanos = nowNanos;
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
