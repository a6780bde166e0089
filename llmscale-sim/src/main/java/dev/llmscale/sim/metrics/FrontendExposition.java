package dev.llmscale.sim.metrics;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.PrometheusFloats;
import dev.llmscale.core.metrics.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The samples a scrape of the simulated gateway's {@code /metrics} returns: the series the live
 * gateway exposes, with its label names ({@code model}; {@code endpoint}, {@code request_type},
 * {@code status}, {@code error_type} on {@code requests_total}), classic histograms as {@code
 * _bucket} series with {@code le} plus {@code _sum} and {@code _count}.
 */
public final class FrontendExposition {
  private final FrontendMetrics metrics;
  private final String model;

  /**
   * @param model the {@code model} label value (the served model's name)
   */
  public FrontendExposition(FrontendMetrics metrics, String model) {
    this.metrics = metrics;
    this.model = model;
  }

  public List<Sample> samples() {
    String prefix = metrics.prefix();
    List<Sample> samples = new ArrayList<>(256);
    histogram(samples, prefix + "time_to_first_token_seconds", metrics.ttft());
    histogram(samples, prefix + "inter_token_latency_seconds", metrics.itl());
    histogram(samples, prefix + "request_duration_seconds", metrics.duration());
    histogram(samples, prefix + "input_sequence_tokens", metrics.inputTokens());
    histogram(samples, prefix + "output_sequence_tokens", metrics.outputTokens());
    for (Map.Entry<String, Long> ended : metrics.endedByErrorType().entrySet()) {
      String errorType = ended.getKey();
      samples.add(
          new Sample(
              Labels.metric(
                  prefix + "requests_total",
                  "model",
                  model,
                  "endpoint",
                  "chat_completions",
                  "request_type",
                  "stream",
                  "status",
                  errorType.equals("none") ? "success" : "error",
                  "error_type",
                  errorType),
              ended.getValue()));
    }
    samples.add(sample(prefix + "output_tokens_total", metrics.outputTokensTotal()));
    samples.add(sample(prefix + "queued_requests", metrics.queued()));
    samples.add(sample(prefix + "inflight_requests", metrics.inflight()));
    return samples;
  }

  private void histogram(List<Sample> samples, String name, CumulativeHistogram histogram) {
    double[] bounds = histogram.bounds();
    long[] cumulative = histogram.cumulativeCounts();
    for (int i = 0; i <= bounds.length; i++) {
      String le = i < bounds.length ? PrometheusFloats.format(bounds[i]) : "+Inf";
      samples.add(
          new Sample(Labels.metric(name + "_bucket", "model", model, "le", le), cumulative[i]));
    }
    samples.add(sample(name + "_sum", histogram.sum()));
    samples.add(sample(name + "_count", histogram.count()));
  }

  private Sample sample(String name, double value) {
    return new Sample(Labels.metric(name, "model", model), value);
  }
}
