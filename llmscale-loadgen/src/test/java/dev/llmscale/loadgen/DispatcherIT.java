package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.ConstantRateArrivals;
import dev.llmscale.core.workload.RunLimit;
import dev.llmscale.core.workload.SloTargets;
import dev.llmscale.core.workload.SyntheticWorkload;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.loadgen.MisbehavingServer.Behavior;
import dev.llmscale.openai.testing.NettyLeakCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How the dispatcher sends: fixed concurrency, rate with a cap, count and duration limits. */
@ExtendWith(NettyLeakCheck.class)
class DispatcherIT {
  @TempDir Path dir;

  @Test
  void aClosedLoopKeepsExactlyItsConcurrencyInFlight() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.STREAM)) {
      RunSummary s = run(server.port(), Optional.empty(), 4, RunLimit.count(24), Duration.ZERO);

      assertThat(s.succeeded()).isEqualTo(24);
      assertThat(server.requests()).isEqualTo(24 + 1); // and the client's warm-up probe
      assertThat(server.maxConcurrent()).isEqualTo(4);
      assertThat(s.connectionsOpened()).isEqualTo(4);
    }
  }

  @Test
  void aConstantRateSendsOnScheduleUntilTheDurationEnds() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.STREAM)) {
      RunSummary s =
          run(
              server.port(),
              Optional.of(new ConstantRateArrivals(50)),
              0,
              RunLimit.duration(Duration.ofMillis(1000)),
              Duration.ofSeconds(1));

      assertThat(s.sent()).isEqualTo(50); // arrivals at 0, 20, …, 980 ms
      assertThat(s.succeeded()).isEqualTo(50);
      List<Double> scheduled = new ArrayList<>();
      for (JsonNode r : records()) {
        scheduled.add(r.get("scheduled_s").asDouble());
        assertThat(r.get("send_lag_ms").asDouble()).isLessThan(100);
      }
      assertThat(s.sendLag().p50()).isLessThan(5);
      scheduled.sort(Double::compare);
      assertThat(scheduled.get(49) - scheduled.get(0)).isCloseTo(0.98, within(1e-6));
    }
  }

  @Test
  void arrivalsBeyondTheCapWaitInTheClientAndTheirLagIsReported() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.SLOW_STREAM)) {
      RunSummary s =
          run(
              server.port(),
              Optional.of(new ConstantRateArrivals(100)),
              2,
              RunLimit.count(4),
              Duration.ZERO);

      assertThat(s.succeeded()).isEqualTo(4);
      assertThat(server.maxConcurrent()).isEqualTo(2);
      // Requests 3 and 4 were due at 20 and 30 ms but waited ~300 ms for a free slot.
      assertThat(s.sendLag().max()).isGreaterThan(200);
    }
  }

  @Test
  void theGracePeriodCancelsWhatIsStillRunning() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Behavior.SLOW_STREAM)) {
      long start = System.nanoTime();
      RunSummary s =
          run(
              server.port(),
              Optional.empty(),
              3,
              RunLimit.duration(Duration.ofMillis(100)),
              Duration.ofMillis(100));

      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(2).toNanos());
      assertThat(s.sent()).isEqualTo(3);
      assertThat(s.cancelled()).isEqualTo(3);
      assertThat(s.errors()).isEmpty();
      assertThat(s.succeeded()).isZero();
    }
  }

  private RunSummary run(
      int port, Optional<ArrivalProcess> arrivals, int concurrency, RunLimit limit, Duration grace)
      throws Exception {
    Endpoint endpoint =
        new Endpoint(
            URI.create("http://127.0.0.1:" + port),
            ApiKind.CHAT,
            true,
            Optional.empty(),
            "m",
            false,
            Map.of(),
            new Endpoint.ClientTimeouts(
                Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.empty()));
    LoadPlan plan =
        new LoadPlan(
            new SyntheticWorkload(
                TokenDistribution.fixed(8),
                TokenDistribution.fixed(3),
                null,
                new SplittableRandom(1)),
            arrivals,
            concurrency,
            limit,
            grace);
    return new LoadRun(
            new LoadOptions(
                endpoint,
                plan,
                SloTargets.NONE,
                Optional.of(dir),
                1,
                "cl100k_base",
                1,
                Map.of(),
                false),
            ProgressLine.off())
        .run();
  }

  private List<JsonNode> records() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("records.jsonl"))) {
      records.add(new ObjectMapper().readTree(line));
    }
    return records;
  }
}
