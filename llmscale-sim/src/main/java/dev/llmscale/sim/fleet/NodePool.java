package dev.llmscale.sim.fleet;

import dev.llmscale.sim.EventSink;
import dev.llmscale.sim.SimEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The GPU nodes and their billing. Placement packs: a replica goes to the ready node with the
 * fewest free GPUs that still fit it (then the oldest), so that whole nodes stay empty and can be
 * consolidated, as a MostAllocated scheduler profile or Karpenter's bin packing would.
 */
public final class NodePool {
  private final NodePoolConfig config;
  private final RandomGenerator random;
  private final EventSink events;
  private final List<Node> nodes = new ArrayList<>(); // every node ever, in creation order

  public NodePool(NodePoolConfig config, RandomGenerator random, EventSink events) {
    this.config = config;
    this.random = random;
    this.events = events;
  }

  public NodePoolConfig config() {
    return config;
  }

  /** Every node the run created, removed ones included. */
  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** A node that exists at the start of the run, ready at once. */
  Node startReady(long nowNanos, boolean imagePresent) {
    Node node = new Node(nodes.size(), config.gpusPerNode(), nowNanos);
    node.ready(nowNanos);
    if (imagePresent) {
      node.imagePulled();
    }
    nodes.add(node);
    return node;
  }

  /** Asks the cloud for a node; it joins after the provisioning delay. Null at {@code maxNodes}. */
  Node provision(long nowNanos) {
    if (liveNodes() >= config.maxNodes()) {
      return null;
    }
    Node node = new Node(nodes.size(), config.gpusPerNode(), nowNanos);
    nodes.add(node);
    events.schedule(
        nowNanos + config.provisioning().sampleNanos(random), new SimEvent.NodeReady(node));
    return node;
  }

  void ready(Node node, long nowNanos) {
    node.ready(nowNanos);
  }

  /** The ready node a replica of {@code gpus} GPUs is placed on, or null if none has room. */
  Node placeFor(int gpus) {
    Node best = null;
    for (Node node : nodes) {
      if (node.state() == NodeState.READY
          && node.freeGpus() >= gpus
          && (best == null || node.freeGpus() < best.freeGpus())) {
        best = node;
      }
    }
    return best;
  }

  /** A replica left {@code node}; an emptied node becomes a candidate for consolidation. */
  void release(Node node, int gpus, long nowNanos) {
    node.release(gpus, nowNanos);
    if (node.replicas() == 0) {
      watchIdle(node, nowNanos);
    }
  }

  /** Schedules the consolidation check of a node that is empty since {@code nowNanos}. */
  void watchIdle(Node node, long nowNanos) {
    node.emptySince(nowNanos);
    events.schedule(
        nowNanos + config.consolidateAfterNanos(), new SimEvent.NodeIdleCheck(node, nowNanos));
  }

  /**
   * Removes {@code node} if it has stayed empty since {@code emptySinceNanos} and the pool keeps
   * {@code minNodes} and at least {@code spareGpusToKeep} free GPUs without it.
   *
   * @return whether it was removed
   */
  boolean consolidate(Node node, long emptySinceNanos, long nowNanos, int spareGpusToKeep) {
    if (node.state() != NodeState.READY
        || node.replicas() > 0
        || node.emptySinceNanos() != emptySinceNanos
        || liveNodes() <= config.minNodes()
        || freeGpus() - node.freeGpus() < spareGpusToKeep) {
      return false;
    }
    node.removed(nowNanos);
    return true;
  }

  /** Nodes provisioning or ready. */
  public int liveNodes() {
    int count = 0;
    for (Node node : nodes) {
      count += node.state() != NodeState.REMOVED ? 1 : 0;
    }
    return count;
  }

  public int readyNodes() {
    return count(NodeState.READY);
  }

  public int provisioningNodes() {
    return count(NodeState.PROVISIONING);
  }

  /** Free GPUs on live nodes, provisioning ones included. */
  int freeGpus() {
    int free = 0;
    for (Node node : nodes) {
      free += node.state() != NodeState.REMOVED ? node.freeGpus() : 0;
    }
    return free;
  }

  /** GPU-hours billed within {@code [0, untilNanos]}. */
  public double gpuHours(long untilNanos) {
    double seconds = 0;
    for (Node node : nodes) {
      seconds += node.billedSeconds(untilNanos) * node.gpus();
    }
    return seconds / 3600;
  }

  /** What the nodes cost within {@code [0, untilNanos]}. */
  public double cost(long untilNanos) {
    return gpuHours(untilNanos) * config.pricePerGpuHour();
  }

  private int count(NodeState state) {
    int count = 0;
    for (Node node : nodes) {
      count += node.state() == state ? 1 : 0;
    }
    return count;
  }
}
