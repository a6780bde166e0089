package dev.llmscale.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server itself recorded during a run, read from its Prometheus {@code /metrics} before
 * and after: TTFT, ITL and end-to-end latency means from vLLM's histograms ({@code
 * vllm:time_to_first_token_seconds} …; a gateway's {@code llmscale_frontend_} or {@code
 * dynamo_frontend_} families when there are no vLLM ones), token counters, and the emulator's
 * {@code llmscale_emulator_token_emit_lag_seconds}. Putting these beside the client's figures shows
 * what lies between client and engine: transport, the frontend, and the client itself.
 */
public final class ServerMetrics {
  private static final List<String> PREFIXES =
      List.of("vllm:", "llmscale_frontend_", "dynamo_frontend_");
  private static final String EMIT_LAG = "llmscale_emulator_token_emit_lag_seconds";

  private final Map<String, Double> samples;

  private ServerMetrics(Map<String, Double> samples) {
    this.samples = samples;
  }

  /** Scrapes {@code /metrics}; empty if the server has none or cannot be reached. */
  public static Optional<ServerMetrics> scrape(Endpoint endpoint) {
    URI uri = URI.create(endpoint.baseUri() + endpoint.path("/metrics"));
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
      endpoint.apiKey().ifPresent(k -> request.header("Authorization", "Bearer " + k));
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(endpoint.timeouts().connect())
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(parse(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Sums every sample of the same name over its label sets. */
  static ServerMetrics parse(String text) {
    Map<String, Double> sums = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      int end = brace >= 0 ? brace : line.indexOf(' ');
      if (end <= 0 || space < end) {
        continue;
      }
      try {
        double value = Double.parseDouble(line.substring(space + 1).strip());
        sums.merge(line.substring(0, end), value, Double::sum);
      } catch (NumberFormatException notASample) {
        // a timestamp or an odd line: skip it
      }
    }
    return new ServerMetrics(sums);
  }

  /**
   * What changed between {@code before} and this scrape; empty if no known latency family is
   * exported.
   */
  public Optional<ServerSide> since(ServerMetrics before) {
    for (String prefix : PREFIXES) {
      String ttft = prefix + "time_to_first_token_seconds";
      if (!samples.containsKey(ttft + "_count")) {
        continue;
      }
      double requests = delta(before, ttft + "_count");
      return Optional.of(
          new ServerSide(
              prefix,
              (long) requests,
              mean(before, ttft),
              mean(before, prefix + "inter_token_latency_seconds"),
              mean(
                  before,
                  prefix.equals("vllm:")
                      ? "vllm:e2e_request_latency_seconds"
                      : prefix + "request_duration_seconds"),
              (long)
                  delta(
                      before,
                      prefix.equals("vllm:")
                          ? "vllm:prompt_tokens_total"
                          : prefix + "input_sequence_tokens_sum"),
              (long)
                  delta(
                      before,
                      prefix.equals("vllm:")
                          ? "vllm:generation_tokens_total"
                          : prefix + "output_sequence_tokens_sum"),
              mean(before, EMIT_LAG)));
    }
    return Optional.empty();
  }

  private double mean(ServerMetrics before, String histogram) {
    double count = delta(before, histogram + "_count");
    return count > 0 ? 1e3 * delta(before, histogram + "_sum") / count : Double.NaN;
  }

  private double delta(ServerMetrics before, String name) {
    Double now = samples.get(name);
    if (now == null) {
      return Double.NaN;
    }
    return now - before.samples.getOrDefault(name, 0.0);
  }

  /**
   * The server's view of a run (means in ms; NaN where the server exports no such metric).
   *
   * @param family the metric prefix read ({@code vllm:}, {@code llmscale_frontend_}, …)
   * @param requests first tokens the server recorded
   * @param emitLagMeanMs the emulator's mean lag from a token's modelled time to its write
   */
  public record ServerSide(
      String family,
      long requests,
      double ttftMeanMs,
      double itlMeanMs,
      double requestLatencyMeanMs,
      long promptTokens,
      long generationTokens,
      double emitLagMeanMs) {}
}
