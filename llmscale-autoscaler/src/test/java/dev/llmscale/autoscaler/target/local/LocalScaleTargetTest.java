package dev.llmscale.autoscaler.target.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.ServiceState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalScaleTargetTest {

  /** A replica whose readiness the test sets, recording how it was stopped. */
  static final class ScriptedReplica implements LocalReplica {
    final URI uri;
    volatile boolean ready;
    volatile String stoppedBy;

    ScriptedReplica(int port) {
      this.uri = URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public URI baseUri() {
      return uri;
    }

    @Override
    public boolean ready() {
      return ready && stoppedBy == null;
    }

    @Override
    public int inFlightRequests() {
      return 0;
    }

    @Override
    public void drain() {
      stoppedBy = "drain";
    }

    @Override
    public void close() {
      if (stoppedBy == null) {
        stoppedBy = "close";
      }
    }
  }

  static final class ScriptedLauncher implements ReplicaLauncher {
    final List<ScriptedReplica> launched = new ArrayList<>();
    int failuresLeft;
    int warmLaunches;

    @Override
    public LocalReplica launchWarm() {
      warmLaunches++;
      ScriptedReplica replica = (ScriptedReplica) launch();
      replica.ready = true;
      return replica;
    }

    @Override
    public LocalReplica launch() {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("port in use");
      }
      ScriptedReplica replica = new ScriptedReplica(9000 + launched.size());
      launched.add(replica);
      return replica;
    }
  }

  private final ScriptedLauncher launcher = new ScriptedLauncher();
  private final List<List<URI>> published = new CopyOnWriteArrayList<>();

  private LocalScaleTarget target(int initial) throws ScaleTargetException {
    return new LocalScaleTarget("llm", initial, launcher, published::add, Duration.ofMillis(20));
  }

  private URI port(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Test
  void startsTheInitialReplicasAndPublishesThem() throws Exception {
    try (LocalScaleTarget target = target(2)) {
      assertThat(published).containsExactly(List.of(port(9000), port(9001)));
      assertThat(launcher.warmLaunches).as("the initial replicas are already running").isEqualTo(2);
      assertThat(target.read()).isEqualTo(new ServiceState(2, 2, 2));

      launcher.launched.get(0).ready = false;
      assertThat(target.read()).isEqualTo(new ServiceState(2, 2, 1));
    }
  }

  @Test
  void aScaleUpWritesTheDesiredCountAtOnceAndReplicasBecomeReadyLater() throws Exception {
    try (LocalScaleTarget target = target(1)) {
      target.scale(3);

      assertThat(target.read()).isEqualTo(new ServiceState(3, 3, 1));
      assertThat(published.getLast()).containsExactly(port(9000), port(9001), port(9002));
      launcher.launched.forEach(r -> r.ready = true);
      assertThat(target.read()).isEqualTo(new ServiceState(3, 3, 3));
    }
  }

  @Test
  void aScaleDownRemovesStartingReplicasFirstThenTheNewestAndDrainsThem() throws Exception {
    try (LocalScaleTarget target = target(2)) {
      target.scale(4);
      List<ScriptedReplica> r = launcher.launched;
      r.get(3).ready = true; // r2 is still loading

      target.scale(2);

      assertThat(published.getLast()).containsExactly(port(9000), port(9001));
      assertThat(target.read()).isEqualTo(new ServiceState(2, 2, 2));
      await().atMost(Duration.ofSeconds(5)).until(() -> target.drainingReplicas() == 0);
      assertThat(r.get(2).stoppedBy)
          .as("a loading replica has nothing to finish")
          .isEqualTo("close");
      assertThat(r.get(3).stoppedBy).as("a ready replica finishes its requests").isEqualTo("drain");
      assertThat(r.get(0).stoppedBy).isNull();
      assertThat(r.get(1).stoppedBy).isNull();
    }
  }

  @Test
  void aFailedLaunchIsReportedAndRetriedAtTheNextRead() throws Exception {
    try (LocalScaleTarget target = target(1)) {
      launcher.failuresLeft = 1;

      assertThatThrownBy(() -> target.scale(2))
          .isInstanceOf(ScaleTargetException.class)
          .hasMessage("could not start a replica of llm: port in use");

      assertThat(target.read()).isEqualTo(new ServiceState(2, 2, 1));
      assertThat(launcher.launched).hasSize(2);
    }
  }

  @Test
  void closeStopsEveryReplica() throws Exception {
    LocalScaleTarget target = target(2);
    target.close();

    assertThat(launcher.launched).allSatisfy(r -> assertThat(r.stoppedBy).isEqualTo("close"));
    assertThatThrownBy(() -> target.scale(3)).hasMessageContaining("closed");
  }
}
