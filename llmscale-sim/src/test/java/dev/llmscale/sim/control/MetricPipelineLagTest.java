package dev.llmscale.sim.control;

import static dev.llmscale.sim.TestSetups.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmscale.core.policy.MetricReading;
import dev.llmscale.core.policy.Observation;
import dev.llmscale.core.policy.ScalingDecision;
import dev.llmscale.core.policy.ScalingPolicy;
import dev.llmscale.core.policy.ServiceDecision;
import dev.llmscale.sim.ConstantStepModel;
import dev.llmscale.sim.FleetSimulation;
import dev.llmscale.sim.ProgressListener;
import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.TestSetups;
import dev.llmscale.sim.metrics.FrontendExposition;
import dev.llmscale.sim.metrics.FrontendMetrics;
import dev.llmscale.sim.metrics.PrometheusPipeline;
import dev.llmscale.sim.workload.StepRate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step in load reaches the policy only through scrape, rate window and poll, as in production.
 */
class MetricPipelineLagTest {
  private static final String RATE = "sum(rate(llmscale_frontend_requests_total[2m]))";

  /** A policy that only watches: it records each reading and keeps the count. */
  private static final class Watcher implements ScalingPolicy {
    final List<long[]> ticks = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();

    @Override
    public String kind() {
      return "watcher";
    }

    @Override
    public List<String> services() {
      return List.of("decode");
    }

    @Override
    public ScalingDecision tick(long nowNanos, Observation observation) {
      MetricReading rate = observation.metric("rate");
      ticks.add(new long[] {nowNanos});
      rates.add(rate.isFailure() ? Double.NaN : rate.value());
      int current = observation.service("decode").replicas();
      return new ScalingDecision(
          nowNanos,
          List.of(new ServiceDecision("decode", current, current, "watching")),
          nowNanos + 30 * S);
    }
  }

  private static Watcher run(long scrapeIntervalNanos) {
    Watcher watcher = new Watcher();
    PolicySetup setup =
        new PolicySetup() {
          @Override
          public String label() {
            return "watcher";
          }

          @Override
          public ScalingPolicy policy() {
            return watcher;
          }

          @Override
          public MetricPipeline pipeline(FrontendMetrics metrics) {
            return new PrometheusPipeline(
                new FrontendExposition(metrics, "m"),
                List.of(MetricQuery.signal("rate", RATE)),
                "rate",
                scrapeIntervalNanos,
                3600 * S,
                300 * S);
          }
        };
    StepRate load = new StepRate(List.of(new StepRate.Step(0, 2), new StepRate.Step(600 * S, 20)));
    SimulationSetup simulation =
        TestSetups.setup(
            new ConstantStepModel(0.001, 0),
            2,
            2,
            TestSetups.fixedShapes(load, false, 16, 2),
            900 * S,
            1);
    FleetSimulation.run(simulation, setup, ProgressListener.NONE);
    return watcher;
  }

  @Test
  void theStepShowsAtTheFirstPollAfterTheFirstScrapeThatHoldsIt() {
    Watcher watcher = run(60 * S);

    for (int i = 0; i < watcher.ticks.size(); i++) {
      long t = watcher.ticks.get(i)[0];
      double rate = watcher.rates.get(i);
      if (t >= 120 * S && t < 660 * S) {
        // before the scrape at 660 s the store holds only pre-step samples
        assertThat(rate).as("rate read at %d s", t / S).isBetween(1.8, 2.2);
      }
      if (t >= 660 * S + 120 * S) {
        assertThat(rate).as("rate read at %d s", t / S).isBetween(18.0, 22.0);
      }
    }
    int first = firstAbove(watcher, 3);
    assertThat(watcher.ticks.get(first)[0]).isEqualTo(660 * S);
  }

  @Test
  void aFasterScrapeShowsTheStepSooner() {
    Watcher watcher = run(15 * S);

    // scrapes at 600 and 615 s; the poll at 630 s is the first to read the 615 s sample, and its
    // two-minute window holds only the start of the step
    int first = firstAbove(watcher, 3);
    assertThat(watcher.ticks.get(first)[0]).isEqualTo(630 * S);
    assertThat(watcher.rates.get(first)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
    // the first two scrapes of a run leave rate() with too few samples: no series, a failed poll
    assertThat(watcher.rates.get(0)).isNaN();
  }

  private static int firstAbove(Watcher watcher, double value) {
    for (int i = 0; i < watcher.rates.size(); i++) {
      if (watcher.rates.get(i) > value) {
        return i;
      }
    }
    throw new AssertionError("the step never showed: " + watcher.rates);
  }
}
