package dev.llmscale.loadgen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.llmscale.core.workload.RequestTimeline;
import dev.llmscale.core.workload.SloTargets;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one JSON object per request ({@code records.jsonl}): times in seconds from the run's start
 * and latencies in ms, as aiperf's {@code profile_export.jsonl} holds them. Single-threaded.
 */
final class RecordWriter implements AutoCloseable {
  private final JsonGenerator json;
  private final long runStartNanos;
  private final SloTargets slo;

  RecordWriter(Path file, long runStartNanos, SloTargets slo) throws IOException {
    this(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), runStartNanos, slo);
  }

  RecordWriter(OutputStream out, long runStartNanos, SloTargets slo) throws IOException {
    this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    this.json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    this.runStartNanos = runStartNanos;
    this.slo = slo;
  }

  void write(RequestRecord record) throws IOException {
    RequestTimeline t = record.timeline();
    json.writeStartObject();
    json.writeNumberField("index", record.index());
    json.writeNumberField("scheduled_s", seconds(record.scheduledNanos()));
    json.writeNumberField("start_s", seconds(t.startNanos()));
    json.writeNumberField("end_s", seconds(t.endNanos()));
    json.writeBooleanField("ok", record.ok());
    json.writeNumberField("status", record.status());
    if (!record.ok()) {
      json.writeStringField("error", record.errorLabel().orElseThrow());
      json.writeStringField("error_message", record.errorMessage());
    }
    json.writeNumberField("input_tokens", record.inputTokens());
    if (record.serverPromptTokens() >= 0) {
      json.writeNumberField("server_prompt_tokens", record.serverPromptTokens());
    }
    json.writeNumberField("max_tokens", record.maxTokens());
    json.writeNumberField("output_tokens", t.outputTokens());
    if (record.sharedPrefixId() >= 0) {
      json.writeNumberField("shared_prefix", record.sharedPrefixId());
    }
    if (record.finishReason() != null) {
      json.writeStringField("finish_reason", record.finishReason());
    }
    if (t.ttftNanos().isPresent()) {
      json.writeNumberField("ttft_ms", t.ttftNanos().getAsLong() / 1e6);
    }
    if (t.itlNanos().isPresent()) {
      json.writeNumberField("itl_ms", t.itlNanos().getAsDouble() / 1e6);
    }
    json.writeNumberField("latency_ms", t.requestLatencyNanos() / 1e6);
    json.writeNumberField("send_lag_ms", record.sendLagNanos() / 1e6);
    if (record.ok()) {
      json.writeBooleanField("good", slo.isMetBy(t));
    }
    json.writeNumberField("responses", t.responses());
    long[] gaps = t.interChunkNanos();
    if (gaps.length > 0) {
      json.writeArrayFieldStart("inter_chunk_ms");
      for (long gap : gaps) {
        json.writeNumber(Math.round(gap / 1e3) / 1e3);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  void flush() throws IOException {
    json.flush();
  }

  @Override
  public void close() throws IOException {
    json.writeRaw('\n');
    json.close();
  }

  private double seconds(long nanos) {
    return Math.round((nanos - runStartNanos) / 1e3) / 1e6;
  }
}
