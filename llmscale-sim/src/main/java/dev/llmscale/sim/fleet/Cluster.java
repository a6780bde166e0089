package dev.llmscale.sim.fleet;

import dev.llmscale.core.policy.ServiceState;
import dev.llmscale.sim.EventSink;
import dev.llmscale.sim.SimEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The scaled service in a Kubernetes cluster: a replica set that follows its desired count, the
 * scheduler that places replicas on GPU nodes, each replica's lifecycle (pending, image pull, model
 * load, ready, draining, gone) and the cluster autoscaler that provisions a node when a replica
 * finds no room and consolidates nodes that stay empty.
 *
 * <p>Scale-down removes, as a ReplicaSet does, replicas that are not ready before ready ones: first
 * unscheduled ones, then starting ones (least progressed first), then the most recently ready.
 */
public final class Cluster {
  private final String service;
  private final ReplicaSpec spec;
  private final LifecycleConfig lifecycle;
  private final NodePool pool;
  private final RandomGenerator random;
  private final EventSink events;
  private final ClusterListener listener;
  private final List<Replica> replicas = new ArrayList<>(); // not gone, creation order
  private final List<Replica> everCreated = new ArrayList<>();
  private final ArrayDeque<Replica> unscheduled = new ArrayDeque<>();
  private int created;
  private int desired;

  public Cluster(
      String service,
      ReplicaSpec spec,
      LifecycleConfig lifecycle,
      NodePool pool,
      RandomGenerator random,
      EventSink events,
      ClusterListener listener) {
    this.service = service;
    this.spec = spec;
    this.lifecycle = lifecycle;
    this.pool = pool;
    this.random = random;
    this.events = events;
    this.listener = listener;
  }

  public String service() {
    return service;
  }

  public NodePool pool() {
    return pool;
  }

  /**
   * The state at the start of the run: {@code initial} replicas ready on nodes that exist, the pool
   * at its minimum and warm buffer, images cached on every initial node.
   */
  public void start(int initial, long nowNanos) {
    NodePoolConfig nodes = pool.config();
    int needed = ceilDiv(initial * spec.gpus(), nodes.gpusPerNode());
    int count = Math.min(nodes.maxNodes(), Math.max(nodes.minNodes(), needed) + nodes.warmNodes());
    if (needed > nodes.maxNodes()) {
      throw new IllegalArgumentException(
          "fleet.initialReplicas ("
              + initial
              + ") needs "
              + needed
              + " nodes but nodePool.maxNodes is "
              + nodes.maxNodes());
    }
    for (int i = 0; i < count; i++) {
      pool.startReady(nowNanos, true);
    }
    desired = initial;
    for (int i = 0; i < initial; i++) {
      Replica replica = create(nowNanos);
      Node node = pool.placeFor(spec.gpus());
      node.hold(spec.gpus());
      replica.node(node, nowNanos);
      replica.state(ReplicaState.READY, nowNanos);
      listener.replicaReady(replica, nowNanos);
    }
    for (Node node : pool.nodes()) {
      if (node.replicas() == 0) {
        pool.watchIdle(node, nowNanos);
      }
    }
  }

  /** Writes the desired count (the scale target's {@code spec.replicas}). */
  public void scaleTo(int count, long nowNanos) {
    if (count < 0) {
      throw new IllegalArgumentException("replicas must be >= 0: " + count);
    }
    desired = count;
    List<Replica> live = live();
    for (int i = live.size(); i < count; i++) {
      unscheduled.addLast(create(nowNanos));
    }
    if (live.size() > count) {
      live.sort(REMOVAL_ORDER);
      for (Replica replica : live.subList(0, live.size() - count)) {
        remove(replica, nowNanos);
      }
    }
    placeUnscheduled(nowNanos);
    provisionForDemand(nowNanos);
  }

  /** The {@code /scale} view: desired, existing (not terminating), ready. */
  public ServiceState state() {
    int existing = 0;
    int ready = 0;
    for (Replica replica : replicas) {
      if (replica.state() != ReplicaState.DRAINING) {
        existing++;
      }
      if (replica.state() == ReplicaState.READY) {
        ready++;
      }
    }
    return new ServiceState(desired, existing, ready);
  }

  public int desired() {
    return desired;
  }

  /** Replicas that exist (any state but gone), in creation order. */
  public List<Replica> replicas() {
    return List.copyOf(replicas);
  }

  /** Replicas in {@code state}. */
  public int count(ReplicaState state) {
    int count = 0;
    for (Replica replica : replicas) {
      count += replica.state() == state ? 1 : 0;
    }
    return count;
  }

  /** GPU-hours replicas held (from placement to removal) within {@code [0, untilNanos]}. */
  public double replicaGpuHours(long untilNanos) {
    double seconds = 0;
    for (Replica replica : everCreated) {
      seconds += replica.placedSeconds(untilNanos) * spec.gpus();
    }
    return seconds / 3600;
  }

  /** Handles {@link SimEvent.PhaseDone}; a phase of a replica removed meanwhile is ignored. */
  public void phaseDone(Replica replica, ReplicaState phase, long nowNanos) {
    if (replica.state() != phase) {
      return;
    }
    switch (phase) {
      case PULLING_IMAGE -> {
        replica.node().imagePulled();
        enter(replica, ReplicaState.LOADING_MODEL, lifecycle.modelLoad(), nowNanos);
      }
      case LOADING_MODEL -> {
        replica.state(ReplicaState.READY, nowNanos);
        listener.replicaReady(replica, nowNanos);
      }
      default -> throw new IllegalStateException(replica + ": no phase ends in " + phase);
    }
  }

  /** Handles {@link SimEvent.NodeReady}: pending replicas are placed on it. */
  public void nodeReady(Node node, long nowNanos) {
    pool.ready(node, nowNanos);
    placeUnscheduled(nowNanos);
    if (node.replicas() == 0) {
      pool.watchIdle(node, nowNanos);
    }
  }

  /** Handles {@link SimEvent.NodeIdleCheck}. */
  public void nodeIdle(Node node, long emptySinceNanos, long nowNanos) {
    int keep = pool.config().warmNodes() * pool.config().gpusPerNode() + unscheduledGpus();
    pool.consolidate(node, emptySinceNanos, nowNanos, keep);
  }

  /** Handles {@link SimEvent.DrainDeadline}: cuts what the replica still serves and removes it. */
  public void drainDeadline(Replica replica, long nowNanos) {
    if (replica.state() != ReplicaState.DRAINING) {
      return;
    }
    for (SimRequest request : replica.cancelAll(nowNanos)) {
      listener.requestCut(request, nowNanos);
    }
    gone(replica, nowNanos);
  }

  /** A draining replica that has finished its last request leaves at once. */
  public void checkDrained(Replica replica, long nowNanos) {
    if (replica.state() == ReplicaState.DRAINING && !replica.hasWork()) {
      gone(replica, nowNanos);
    }
  }

  private Replica create(long nowNanos) {
    Replica replica = new Replica(created++, spec, events, nowNanos);
    replicas.add(replica);
    everCreated.add(replica);
    return replica;
  }

  private List<Replica> live() {
    List<Replica> live = new ArrayList<>();
    for (Replica replica : replicas) {
      if (replica.state() != ReplicaState.DRAINING) {
        live.add(replica);
      }
    }
    return live;
  }

  private void remove(Replica replica, long nowNanos) {
    switch (replica.state()) {
      case PENDING -> {
        unscheduled.remove(replica);
        replica.state(ReplicaState.GONE, nowNanos);
        replicas.remove(replica);
      }
      case PULLING_IMAGE, LOADING_MODEL -> gone(replica, nowNanos);
      case READY -> {
        replica.state(ReplicaState.DRAINING, nowNanos);
        listener.replicaDraining(replica, nowNanos);
        if (replica.hasWork()) {
          events.schedule(
              nowNanos + lifecycle.drainTimeoutNanos(), new SimEvent.DrainDeadline(replica));
        } else {
          gone(replica, nowNanos);
        }
      }
      default -> throw new IllegalStateException(replica + " cannot be removed when " + replica);
    }
  }

  private void gone(Replica replica, long nowNanos) {
    replica.state(ReplicaState.GONE, nowNanos);
    replicas.remove(replica);
    pool.release(replica.node(), spec.gpus(), nowNanos);
    placeUnscheduled(nowNanos);
  }

  private void placeUnscheduled(long nowNanos) {
    while (!unscheduled.isEmpty()) {
      Node node = pool.placeFor(spec.gpus());
      if (node == null) {
        return;
      }
      Replica replica = unscheduled.pollFirst();
      node.hold(spec.gpus());
      replica.node(node, nowNanos);
      if (node.imagePresent()) {
        enter(replica, ReplicaState.LOADING_MODEL, lifecycle.modelLoad(), nowNanos);
      } else {
        enter(replica, ReplicaState.PULLING_IMAGE, lifecycle.imagePull(), nowNanos);
      }
    }
  }

  /** The cluster autoscaler: nodes for replicas that found no room, and the warm buffer. */
  private void provisionForDemand(long nowNanos) {
    int demand = unscheduledGpus();
    int arriving = 0;
    for (Node node : pool.nodes()) {
      if (node.state() == NodeState.PROVISIONING) {
        arriving += node.freeGpus();
      }
    }
    while (arriving < demand && pool.provision(nowNanos) != null) {
      arriving += pool.config().gpusPerNode();
    }
    int warm = pool.config().warmNodes() * pool.config().gpusPerNode();
    while (pool.freeGpus() - unscheduledGpus() < warm && pool.provision(nowNanos) != null) {
      // each provisioned node adds its GPUs to the free count
    }
  }

  private void enter(Replica replica, ReplicaState phase, Delay delay, long nowNanos) {
    replica.state(phase, nowNanos);
    events.schedule(nowNanos + delay.sampleNanos(random), new SimEvent.PhaseDone(replica, phase));
  }

  private int unscheduledGpus() {
    return unscheduled.size() * spec.gpus();
  }

  /** Removal order: unscheduled, then starting (least progressed first), then newest ready. */
  private static final Comparator<Replica> REMOVAL_ORDER =
      Comparator.comparingInt((Replica r) -> rank(r.state()))
          .thenComparing(Comparator.comparingLong(Cluster::progress).reversed())
          .thenComparing(Comparator.comparingInt(Replica::ordinal).reversed());

  private static int rank(ReplicaState state) {
    return switch (state) {
      case PENDING -> 0;
      case PULLING_IMAGE -> 1;
      case LOADING_MODEL -> 2;
      case READY -> 3;
      case DRAINING, GONE -> 4;
    };
  }

  /** Among equals, the newest goes first: latest created, or latest ready. */
  private static long progress(Replica replica) {
    return replica.state() == ReplicaState.READY ? replica.readyNanos() : replica.createdNanos();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
