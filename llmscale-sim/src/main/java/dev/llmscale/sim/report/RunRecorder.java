package dev.llmscale.sim.report;

import dev.llmscale.core.policy.SloTargets;
import dev.llmscale.sim.fleet.Cluster;
import dev.llmscale.sim.fleet.ReplicaState;
import dev.llmscale.sim.fleet.RequestOutcome;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.gateway.RequestObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a run's results: every request's latencies when it ends, the fleet at each sample
 * interval, and every scaling action. Measures what a client sees (exact per-request values), not
 * what the metric pipeline shows the policy.
 */
public final class RunRecorder implements RequestObserver {
  private final SloTargets slo;
  private final long horizonNanos;
  private double[] ttft = new double[1024];
  private double[] itl = new double[1024];
  private double[] e2e = new double[1024];
  private int ended;
  private long arrived;
  private long completed;
  private long good;
  private long ttftGood;
  private long itlMissed;
  private final Map<String, Long> errors = new TreeMap<>();
  private final List<TimePoint> series = new ArrayList<>();
  private final List<ScalingAction> actions = new ArrayList<>();
  private double[] intervalTtft = new double[256];
  private int intervalFirstTokens;
  private long intervalArrivals;
  private long intervalErrors;
  private long lastSampleNanos;
  private double policySignal = Double.NaN;
  private int peakReplicas;
  private int peakNodes;

  public RunRecorder(SloTargets slo, long horizonNanos) {
    this.slo = slo;
    this.horizonNanos = horizonNanos;
  }

  public void arrived() {
    arrived++;
    intervalArrivals++;
  }

  @Override
  public void firstToken(SimRequest request, long nowNanos) {
    if (intervalFirstTokens == intervalTtft.length) {
      intervalTtft = Arrays.copyOf(intervalTtft, intervalFirstTokens * 2);
    }
    intervalTtft[intervalFirstTokens++] = request.ttftSeconds();
  }

  @Override
  public void ended(SimRequest request, long nowNanos) {
    if (ended == ttft.length) {
      ttft = Arrays.copyOf(ttft, ended * 2);
      itl = Arrays.copyOf(itl, ended * 2);
      e2e = Arrays.copyOf(e2e, ended * 2);
    }
    boolean done = request.outcome() == RequestOutcome.COMPLETED;
    ttft[ended] = request.ttftSeconds();
    itl[ended] = done ? request.itlSeconds() : Double.NaN;
    e2e[ended] = done ? request.latencySeconds() : Double.NaN;
    ended++;
    boolean ttftMet = request.firstTokenNanos() >= 0 && request.ttftSeconds() <= slo.ttftSeconds();
    if (ttftMet) {
      ttftGood++;
    }
    if (done) {
      completed++;
      double requestItl = request.itlSeconds();
      if (Double.isFinite(requestItl) && requestItl > slo.itlSeconds()) {
        itlMissed++;
      }
      if (ttftMet && (Double.isNaN(requestItl) || requestItl <= slo.itlSeconds())) {
        good++;
      }
    } else {
      errors.merge(request.outcome().reportName(), 1L, Long::sum);
      intervalErrors++;
    }
  }

  /** The policy changed the desired count. */
  public void action(long nowNanos, int from, int to, String reason) {
    actions.add(new ScalingAction(nowNanos / 1e9, from, to, reason));
  }

  /** The reading the policy acted on at its last tick. */
  public void policySignal(double value) {
    policySignal = value;
  }

  /** Closes the interval ending now with the fleet's state. */
  public void sample(long nowNanos, Cluster cluster, long queued) {
    double seconds = Math.max(1e-9, (nowNanos - lastSampleNanos) / 1e9);
    double[] sorted = Arrays.copyOf(intervalTtft, intervalFirstTokens);
    Arrays.sort(sorted);
    int ready = cluster.count(ReplicaState.READY);
    int starting =
        cluster.count(ReplicaState.PULLING_IMAGE) + cluster.count(ReplicaState.LOADING_MODEL);
    int readyNodes = cluster.pool().readyNodes();
    int provisioning = cluster.pool().provisioningNodes();
    series.add(
        new TimePoint(
            nowNanos / 1e9,
            intervalArrivals / seconds,
            Percentiles.rank(sorted, 0.99),
            policySignal,
            intervalErrors / seconds,
            queued,
            cluster.desired(),
            ready,
            starting,
            cluster.count(ReplicaState.PENDING),
            readyNodes,
            provisioning));
    peakReplicas = Math.max(peakReplicas, ready);
    peakNodes = Math.max(peakNodes, readyNodes + provisioning);
    intervalFirstTokens = 0;
    intervalArrivals = 0;
    intervalErrors = 0;
    lastSampleNanos = nowNanos;
  }

  /** Requests that arrived and have not ended. */
  public long active() {
    return arrived - ended;
  }

  public RunSummary summary(Cluster cluster) {
    Percentiles ttftStats = Percentiles.of(ttft, ended);
    Percentiles itlStats = Percentiles.of(itl, ended);
    double q = slo.quantile();
    boolean met =
        completed > 0
            && failedAsInfinite(ttft, q) <= slo.ttftSeconds()
            && !(Percentiles.rank(finiteSorted(itl), q) > slo.itlSeconds());
    int ups = 0;
    int downs = 0;
    for (ScalingAction action : actions) {
      if (action.to() > action.from()) {
        ups++;
      } else {
        downs++;
      }
    }
    double total = Math.max(1, arrived);
    return new RunSummary(
        arrived,
        completed,
        good,
        ended - ttftGood,
        itlMissed,
        Map.copyOf(errors),
        ttftStats,
        itlStats,
        Percentiles.of(e2e, ended),
        good / total,
        ttftGood / total,
        good / (horizonNanos / 1e9),
        met,
        cluster.pool().gpuHours(horizonNanos),
        cluster.pool().cost(horizonNanos),
        cluster.replicaGpuHours(horizonNanos),
        ups,
        downs,
        peakReplicas,
        peakNodes);
  }

  public List<TimePoint> series() {
    return List.copyOf(series);
  }

  public List<ScalingAction> actions() {
    return List.copyOf(actions);
  }

  private double[] finiteSorted(double[] values) {
    double[] finite = Arrays.stream(values, 0, ended).filter(Double::isFinite).toArray();
    Arrays.sort(finite);
    return finite;
  }

  /** The {@code q} quantile over all requests, a request without a value counting as infinite. */
  private double failedAsInfinite(double[] values, double q) {
    double[] all = Arrays.copyOf(values, ended);
    for (int i = 0; i < all.length; i++) {
      if (Double.isNaN(all[i])) {
        all[i] = Double.POSITIVE_INFINITY;
      }
    }
    Arrays.sort(all);
    return Percentiles.rank(all, q);
  }
}
