package dev.llmscale.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link RunSummary} as {@code summary.json} and {@code summary.csv}. The CSV has aiperf's
 * two parts: one row per distribution ({@code metric,unit,count,avg,min,p50,p90,p95,p99,max,std}),
 * a blank line, then {@code metric,value} rows.
 */
final class SummaryFiles {
  private SummaryFiles() {}

  static void writeJson(RunSummary s, Path file, ObjectMapper mapper) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("started_at", s.startedAt().toString());
    root.put("benchmark_duration_s", s.durationSeconds());
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("sent", s.sent());
    requests.put("succeeded", s.succeeded());
    requests.put("errors", s.errorCount());
    requests.put("cancelled", s.cancelled());
    requests.put("unsent", s.unsent());
    requests.put("good", s.good());
    root.put("requests", requests);
    root.put("errors_by_kind", s.errors());
    Map<String, Object> metrics = new LinkedHashMap<>();
    distributions(s).forEach((name, d) -> metrics.put(name, distribution(unit(name), d)));
    root.put("metrics", metrics);
    Map<String, Object> throughput = new LinkedHashMap<>();
    throughput.put("request_throughput_per_s", s.requestThroughput());
    throughput.put("output_token_throughput_per_s", s.outputTokenThroughput());
    throughput.put("goodput_per_s", s.goodput());
    root.put("throughput", throughput);
    Map<String, Object> tokens = new LinkedHashMap<>();
    tokens.put("input", s.totalInputTokens());
    tokens.put("server_prompt", s.totalServerPromptTokens());
    tokens.put("output", s.totalOutputTokens());
    root.put("tokens", tokens);
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("cpu_s", s.clientCpuSeconds());
    client.put("connections_opened", s.connectionsOpened());
    root.put("load_generator", client);
    s.server()
        .ifPresent(
            server -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("family", server.family());
              m.put("requests", server.requests());
              m.put("ttft_mean_ms", finite(server.ttftMeanMs()));
              m.put("itl_mean_ms", finite(server.itlMeanMs()));
              m.put("request_latency_mean_ms", finite(server.requestLatencyMeanMs()));
              m.put("prompt_tokens", server.promptTokens());
              m.put("generation_tokens", server.generationTokens());
              m.put("emit_lag_mean_ms", finite(server.emitLagMeanMs()));
              root.put("server_metrics", m);
            });
    root.put("settings", s.settings());
    mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  static void writeCsv(RunSummary s, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("metric,unit,count,avg,min,p50,p90,p95,p99,max,std\n");
      for (Map.Entry<String, Distribution> e : distributions(s).entrySet()) {
        Distribution d = e.getValue();
        out.write(
            String.join(
                    ",",
                    e.getKey(),
                    unit(e.getKey()),
                    Long.toString(d.count()),
                    num(d.mean()),
                    num(d.min()),
                    num(d.p50()),
                    num(d.p90()),
                    num(d.p95()),
                    num(d.p99()),
                    num(d.max()),
                    num(d.stddev()))
                + "\n");
      }
      out.write("\nmetric,value\n");
      out.write("benchmark_duration_s," + num(s.durationSeconds()) + "\n");
      out.write("requests_sent," + s.sent() + "\n");
      out.write("requests_succeeded," + s.succeeded() + "\n");
      out.write("requests_errored," + s.errorCount() + "\n");
      out.write("requests_cancelled," + s.cancelled() + "\n");
      out.write("requests_good," + s.good() + "\n");
      out.write("request_throughput_per_s," + num(s.requestThroughput()) + "\n");
      out.write("output_token_throughput_per_s," + num(s.outputTokenThroughput()) + "\n");
      out.write("goodput_per_s," + num(s.goodput()) + "\n");
      out.write("total_input_tokens," + s.totalInputTokens() + "\n");
      out.write("total_server_prompt_tokens," + s.totalServerPromptTokens() + "\n");
      out.write("total_output_tokens," + s.totalOutputTokens() + "\n");
      for (Map.Entry<String, Long> e : s.errors().entrySet()) {
        out.write("errors_" + e.getKey() + "," + e.getValue() + "\n");
      }
    }
  }

  static Map<String, Distribution> distributions(RunSummary s) {
    Map<String, Distribution> all = new LinkedHashMap<>();
    all.put("time_to_first_token", s.ttft());
    all.put("inter_token_latency", s.itl());
    all.put("inter_chunk_latency", s.interChunk());
    all.put("request_latency", s.requestLatency());
    all.put("input_sequence_length", s.inputTokens());
    all.put("output_sequence_length", s.outputTokens());
    all.put("output_token_throughput_per_user", s.outputTokensPerUser());
    all.put("send_lag", s.sendLag());
    all.put("client_loop_lag", s.loopLag());
    return all;
  }

  private static String unit(String metric) {
    return switch (metric) {
      case "input_sequence_length", "output_sequence_length" -> "tokens";
      case "output_token_throughput_per_user" -> "tokens/s";
      default -> "ms";
    };
  }

  private static Map<String, Object> distribution(String unit, Distribution d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", unit);
    m.put("count", d.count());
    m.put("avg", finite(d.mean()));
    m.put("min", finite(d.min()));
    m.put("p50", finite(d.p50()));
    m.put("p90", finite(d.p90()));
    m.put("p95", finite(d.p95()));
    m.put("p99", finite(d.p99()));
    m.put("max", finite(d.max()));
    m.put("std", finite(d.stddev()));
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
  }
}
