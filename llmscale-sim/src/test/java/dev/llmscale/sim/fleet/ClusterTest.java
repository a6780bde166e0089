package dev.llmscale.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.SimEvent;
import dev.llmscale.sim.event.EventQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private static final long S = 1_000_000_000L;

  private final EventQueue<SimEvent> queue = new EventQueue<>();
  private final List<String> log = new ArrayList<>();
  private final ClusterListener listener =
      new ClusterListener() {
        @Override
        public void replicaReady(Replica replica, long nowNanos) {
          log.add(nowNanos / S + "s ready " + replica.id() + " on " + replica.node().id());
        }

        @Override
        public void replicaDraining(Replica replica, long nowNanos) {
          log.add(nowNanos / S + "s draining " + replica.id());
        }

        @Override
        public void requestCut(SimRequest request, long nowNanos) {
          log.add(nowNanos / S + "s cut " + request.id());
        }
      };

  private Cluster cluster(int gpusPerNode, int minNodes, int maxNodes, int warmNodes) {
    ReplicaSpec spec =
        new ReplicaSpec(EngineConfig.defaults(4096, 4096), new ConstantStepModel(0.01, 0), 1);
    NodePoolConfig nodes =
        new NodePoolConfig(
            gpusPerNode,
            minNodes,
            maxNodes,
            warmNodes,
            new FixedDelay(180 * S),
            600 * S,
            NodePoolConfig.CapacityType.ON_DEMAND,
            7.0,
            2.0);
    LifecycleConfig lifecycle =
        new LifecycleConfig(new FixedDelay(60 * S), new FixedDelay(90 * S), 30 * S);
    NodePool pool = new NodePool(nodes, new SplittableRandom(1), queue::schedule);
    return new Cluster(
        "decode", spec, lifecycle, pool, new SplittableRandom(2), queue::schedule, listener);
  }

  /** Runs every event up to {@code untilNanos} through the cluster. */
  private void runUntil(Cluster cluster, long untilNanos) {
    while (!queue.isEmpty() && queue.nextTimeNanos() <= untilNanos) {
      for (SimEvent event : queue.nextBatch()) {
        long now = queue.now();
        switch (event) {
          case SimEvent.PhaseDone p -> cluster.phaseDone(p.replica(), p.phase(), now);
          case SimEvent.NodeReady n -> cluster.nodeReady(n.node(), now);
          case SimEvent.NodeIdleCheck c -> cluster.nodeIdle(c.node(), c.emptySinceNanos(), now);
          case SimEvent.DrainDeadline d -> cluster.drainDeadline(d.replica(), now);
          case SimEvent.StepEnd s -> {
            s.replica().stepEnded(s.step(), now, new CountingListener());
            cluster.checkDrained(s.replica(), now);
          }
          case SimEvent.EngineWake w -> w.replica().woken(now);
          default -> throw new AssertionError("unexpected " + event);
        }
      }
    }
  }

  @Test
  void aReplicaWithoutRoomWaitsForANewNodeThenPullsTheImageAndLoadsTheModel() {
    Cluster cluster = cluster(1, 1, 4, 0);
    cluster.start(2, 0);
    log.clear();

    cluster.scaleTo(3, 10 * S);
    assertThat(cluster.state()).isEqualTo(new dev.llmscale.core.policy.ServiceState(3, 3, 2));
    assertThat(cluster.count(ReplicaState.PENDING)).isEqualTo(1);
    assertThat(cluster.pool().provisioningNodes()).isEqualTo(1);

    runUntil(cluster, 10_000 * S);

    // node at 10 + 180 s, image pull 60 s, model load 90 s
    assertThat(log).containsExactly("340s ready replica-2 on node-2");
  }

  @Test
  void aReplicaOnANodeThatHasTheImageSkipsThePull() {
    Cluster cluster = cluster(2, 1, 4, 0);
    cluster.start(1, 0); // one node of two GPUs, image cached
    log.clear();

    cluster.scaleTo(2, 5 * S);
    runUntil(cluster, 10_000 * S);

    assertThat(log).containsExactly("95s ready replica-1 on node-0");
    assertThat(cluster.pool().nodes()).hasSize(1);
  }

  @Test
  void packsReplicasOntoTheFullestNodeThatFits() {
    Cluster cluster = cluster(4, 2, 4, 0);
    cluster.start(1, 0); // node-0 holds replica-0, node-1 is empty
    cluster.scaleTo(3, 0);
    runUntil(cluster, 1_000 * S);

    assertThat(cluster.replicas()).allSatisfy(r -> assertThat(r.node().id()).isEqualTo("node-0"));
  }

  @Test
  void consolidatesANodeThatStayedEmptyButKeepsMinNodesAndTheWarmBuffer() {
    Cluster cluster = cluster(1, 1, 4, 1);
    cluster.start(3, 0); // 3 nodes for replicas + 1 warm = 4
    assertThat(cluster.pool().liveNodes()).isEqualTo(4);

    cluster.scaleTo(1, 100 * S); // two ready replicas drain at once (no work): two nodes empty
    runUntil(cluster, 650 * S);
    // the warm node, empty since 0 s, went at 600 s: the two emptied at 100 s keep the buffer
    assertThat(cluster.pool().liveNodes()).isEqualTo(3);

    runUntil(cluster, 700 * S);
    // of the two emptied at 100 s one goes; the other is the warm buffer now
    assertThat(cluster.pool().liveNodes()).isEqualTo(2);
    assertThat(cluster.pool().gpuHours(700 * S)).isEqualTo((3 * 700 + 600) / 3600.0);
    assertThat(cluster.pool().cost(700 * S)).isEqualTo(7.0 * (3 * 700 + 600) / 3600.0);
  }

  @Test
  void scaleDownRemovesPendingThenStartingThenTheNewestReadyReplica() {
    Cluster cluster = cluster(1, 1, 3, 0);
    cluster.start(2, 0);
    cluster.scaleTo(4, 0); // replica-2 gets node-2 (provisioning), replica-3 finds none: max 3
    runUntil(cluster, 200 * S); // node-2 ready at 180 s: replica-2 pulls the image
    assertThat(cluster.count(ReplicaState.PULLING_IMAGE)).isEqualTo(1);
    assertThat(cluster.count(ReplicaState.PENDING)).isEqualTo(1);
    log.clear();

    cluster.scaleTo(3, 200 * S);
    assertThat(cluster.count(ReplicaState.PENDING)).isZero();
    cluster.scaleTo(2, 200 * S);
    assertThat(cluster.count(ReplicaState.PULLING_IMAGE)).isZero();
    cluster.scaleTo(1, 200 * S);

    assertThat(log).containsExactly("200s draining replica-1");
    assertThat(cluster.state()).isEqualTo(new dev.llmscale.core.policy.ServiceState(1, 1, 1));
  }

  @Test
  void aDrainingReplicaFinishesItsRequestsOrIsCutAtTheDeadline() {
    Cluster cluster = cluster(1, 2, 2, 0);
    cluster.start(2, 0);
    log.clear();
    Replica newest = cluster.replicas().get(1);
    SimRequest quick = new SimRequest(0, 0, 100, 10, new long[0]); // 10 steps of 10 ms
    SimRequest slow = new SimRequest(1, 0, 100, 3_900, new long[0]); // 39 s
    newest.accept(quick, 0, false);
    cluster.replicas().get(0).accept(slow, 0, false);

    cluster.scaleTo(1, 0);
    runUntil(cluster, 1 * S);
    assertThat(newest.state()).isEqualTo(ReplicaState.GONE);
    assertThat(log).containsExactly("0s draining replica-1");

    Replica oldest = cluster.replicas().get(0);
    cluster.scaleTo(0, 1 * S);
    runUntil(cluster, 40 * S);
    assertThat(oldest.state()).isEqualTo(ReplicaState.GONE);
    assertThat(log).containsExactly("0s draining replica-1", "1s draining replica-0", "31s cut r1");
  }

  private static final class CountingListener implements EngineListener {
    @Override
    public void firstToken(SimRequest request, long nowNanos) {}

    @Override
    public void nextToken(SimRequest request, long gapNanos, long nowNanos) {}

    @Override
    public void completed(SimRequest request, long nowNanos) {}
  }
}
