package dev.llmscale.cli.demo;

import dev.llmscale.core.workload.NearestRank;
import java.util.ArrayList;
import java.util.List;

/**
 * What one policy did in a demo run, and the figures that compare policies: how often the tail TTFT
 * met the SLO, and what the fleet cost in replica-seconds.
 *
 * @param policy the policy's kind
 * @param requests every request sent
 * @param samples the fleet over time
 * @param slo the TTFT target, in seconds
 * @param windowSeconds the width of the windows the tail is judged over
 * @param burstFrom when the burst began, seconds since the start
 * @param burstTo when it ended
 */
public record PolicyRun(
    String policy,
    List<RequestOutcome> requests,
    List<ReplicaSample> samples,
    double slo,
    double windowSeconds,
    double burstFrom,
    double burstTo) {

  /** Requests that completed. */
  public long succeeded() {
    return requests.stream().filter(RequestOutcome::ok).count();
  }

  public long errors() {
    return requests.size() - succeeded();
  }

  /** A TTFT quantile over the successful requests, in seconds. */
  public double ttftQuantile(double q) {
    double[] ttfts =
        requests.stream()
            .filter(RequestOutcome::ok)
            .mapToDouble(RequestOutcome::ttftSeconds)
            .filter(Double::isFinite)
            .sorted()
            .toArray();
    return quantile(ttfts, q);
  }

  /** Share of requests that got their first token within the SLO (failures count as misses). */
  public double sloAttainment() {
    if (requests.isEmpty()) {
      return Double.NaN;
    }
    long met = requests.stream().filter(r -> r.ok() && r.ttftSeconds() <= slo).count();
    return (double) met / requests.size();
  }

  /** Which time places a request in a window. */
  enum WindowBy {
    /** When it was sent: which requests suffered. */
    SENT,
    /**
     * When its first token came (a failure: when it was sent): the p99 a dashboard over the
     * gateway's TTFT histogram shows for that window.
     */
    FIRST_TOKEN
  }

  /**
   * Share of the windows from {@code from} to {@code to} whose p99 TTFT (over the requests the
   * window holds; a failed request counts as an infinite TTFT) stayed within the SLO.
   */
  double shareOfWindowsWithinSlo(double from, double to, WindowBy by) {
    double[] p99 = windowP99(from, to, by);
    int judged = 0;
    int within = 0;
    for (double value : p99) {
      if (!Double.isNaN(value)) {
        judged++;
        if (value <= slo) {
          within++;
        }
      }
    }
    return judged == 0 ? Double.NaN : (double) within / judged;
  }

  /** p99 TTFT of each window from {@code from}, NaN where the window holds no request. */
  double[] windowP99(double from, double to, WindowBy by) {
    int windows = Math.max(1, (int) Math.ceil((to - from) / windowSeconds));
    List<List<Double>> buckets = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      buckets.add(new ArrayList<>());
    }
    for (RequestOutcome r : requests) {
      double at =
          by == WindowBy.FIRST_TOKEN && r.ok() && Double.isFinite(r.ttftSeconds())
              ? r.sentSeconds() + r.ttftSeconds()
              : r.sentSeconds();
      int i = (int) Math.floor((at - from) / windowSeconds);
      if (i >= 0 && i < windows) {
        buckets.get(i).add(r.ok() ? r.ttftSeconds() : Double.POSITIVE_INFINITY);
      }
    }
    double[] p99 = new double[windows];
    for (int i = 0; i < windows; i++) {
      double[] values = buckets.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      p99[i] = quantile(values, 0.99);
    }
    return p99;
  }

  /** Requests sent per second in each window from {@code from}. */
  double[] windowRate(double from, double to) {
    int windows = Math.max(1, (int) Math.ceil((to - from) / windowSeconds));
    int[] sent = new int[windows];
    for (RequestOutcome r : requests) {
      int i = (int) Math.floor((r.sentSeconds() - from) / windowSeconds);
      if (i >= 0 && i < windows) {
        sent[i]++;
      }
    }
    double[] rate = new double[windows];
    for (int i = 0; i < windows; i++) {
      rate[i] = sent[i] / windowSeconds;
    }
    return rate;
  }

  /** Existing replicas integrated over time (starting ones cost a GPU too). */
  public double replicaSeconds() {
    double total = 0;
    for (int i = 1; i < samples.size(); i++) {
      ReplicaSample a = samples.get(i - 1);
      total += a.existing() * (samples.get(i).seconds() - a.seconds());
    }
    return total;
  }

  public int maxReplicas() {
    return samples.stream().mapToInt(ReplicaSample::existing).max().orElse(0);
  }

  /** How many times the desired count changed. */
  public int scalingActions() {
    int actions = 0;
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).desired() != samples.get(i - 1).desired()) {
        actions++;
      }
    }
    return actions;
  }

  /** The run's end: the last sample or request. */
  double endSeconds() {
    double end = samples.isEmpty() ? 0 : samples.getLast().seconds();
    for (RequestOutcome r : requests) {
      end = Math.max(end, r.sentSeconds());
    }
    return end;
  }

  /** Nearest-rank quantile of sorted values; NaN for none. */
  static double quantile(double[] sorted, double q) {
    return NearestRank.quantile(sorted, q);
  }

  @Override
  public String toString() {
    return "PolicyRun[" + policy + ", " + requests.size() + " requests, " + samples.size() + "]";
  }
}
