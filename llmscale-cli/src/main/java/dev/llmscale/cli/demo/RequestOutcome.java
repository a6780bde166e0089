package dev.llmscale.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of a demo run as the load generator recorded it.
 *
 * @param sentSeconds when it was due to go out, since the load started
 * @param ttftSeconds its time to first token, NaN if it failed before one
 * @param ok whether it completed without error
 */
public record RequestOutcome(double sentSeconds, double ttftSeconds, boolean ok) {

  /** Reads the load generator's {@code records.jsonl}. */
  static List<RequestOutcome> read(Path recordsJsonl) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<RequestOutcome> outcomes = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(recordsJsonl, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode record = mapper.readTree(line);
        JsonNode ttft = record.get("ttft_ms");
        outcomes.add(
            new RequestOutcome(
                record.path("scheduled_s").asDouble(),
                ttft == null ? Double.NaN : ttft.asDouble() / 1000,
                !record.has("error")));
      }
    }
    return outcomes;
  }
}
