package dev.llmscale.autoscaler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmscale.core.policy.MetricReading;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes one JSON object per service and tick, on one line: the inputs (replica counts, every
 * metric reading or its failure), the forecast, the decision and its reason. Lines are easy to grep
 * and to load into any log pipeline.
 */
public final class JsonLinesDecisionLog implements DecisionLog {
  private static final JsonFactory JSON = new JsonFactory();
  private final PrintStream out;

  public JsonLinesDecisionLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void record(TickRecord tick) {
    for (TickRecord.ServiceRecord service : tick.services()) {
      out.println(line(tick, service));
    }
    out.flush();
  }

  static String line(TickRecord tick, TickRecord.ServiceRecord service) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("ts", tick.time().toString());
      json.writeStringField("event", "decision");
      json.writeStringField("policy", tick.policy());
      json.writeStringField("service", service.service());
      json.writeNumberField("replicas", service.replicas());
      json.writeNumberField("existing", service.existing());
      json.writeNumberField("ready", service.ready());
      json.writeNumberField("desired", service.desired());
      json.writeStringField("outcome", service.outcome().name().toLowerCase());
      json.writeObjectFieldStart("metrics");
      for (Map.Entry<String, MetricReading> metric : tick.metrics().entrySet()) {
        MetricReading reading = metric.getValue();
        if (reading.isFailure()) {
          json.writeObjectFieldStart(metric.getKey());
          json.writeStringField("error", reading.failure());
          json.writeEndObject();
        } else {
          json.writeNumberField(metric.getKey(), reading.value());
        }
      }
      json.writeEndObject();
      TickRecord.Forecast forecast = service.forecast();
      if (forecast != null) {
        json.writeObjectFieldStart("forecast");
        writeNumber(json, "requestRate", forecast.requestRate());
        writeNumber(json, "capacityPerReplica", forecast.capacityPerReplica());
        writeNumber(json, "leadTimeSeconds", forecast.leadTimeSeconds());
        json.writeStringField("action", forecast.action());
        json.writeEndObject();
      }
      json.writeStringField("reason", service.reason());
      if (service.error() != null) {
        json.writeStringField("error", service.error());
      }
      json.writeNumberField("tickSeconds", round(tick.durationSeconds()));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeNumber(JsonGenerator json, String name, double value)
      throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumberField(name, round(value));
    } else {
      json.writeNullField(name);
    }
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
