package dev.llmscale.core.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Mooncake's JSON Lines traces: one object per line with {@code timestamp} (ms), {@code
 * input_length}, {@code output_length} and optional {@code hash_ids}; other keys are ignored.
 */
final class MooncakeTraceParser {
  private final String source;

  MooncakeTraceParser(String source) {
    this.source = source;
  }

  List<TraceRecord> parse(BufferedReader in) throws IOException {
    List<TraceRecord> records = new ArrayList<>();
    double firstMillis = Double.NaN;
    int lineNumber = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      Map<?, ?> object;
      try {
        if (!(JsonValueParser.parse(line) instanceof Map<?, ?> map)) {
          throw new TraceFormatException(source, lineNumber, "expected a JSON object");
        }
        object = map;
      } catch (IllegalArgumentException e) {
        throw new TraceFormatException(source, lineNumber, "bad JSON: " + e.getMessage());
      }
      double millis = number(object, "timestamp", lineNumber);
      if (Double.isNaN(firstMillis)) {
        firstMillis = millis;
      }
      if (millis < firstMillis) {
        throw new TraceFormatException(
            source, lineNumber, "timestamp goes back before the first line: " + millis);
      }
      int input = positiveInt(object, "input_length", lineNumber);
      int output = positiveInt(object, "output_length", lineNumber);
      records.add(
          new TraceRecord(
              Math.round((millis - firstMillis) * 1e6),
              input,
              output,
              hashIds(object.get("hash_ids"), lineNumber)));
    }
    return records;
  }

  private double number(Map<?, ?> object, String key, int lineNumber) {
    Object value = object.get(key);
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new TraceFormatException(
          source, lineNumber, "'" + key + "' must be a number, got " + value);
    }
    return number.doubleValue();
  }

  private int positiveInt(Map<?, ?> object, String key, int lineNumber) {
    Object value = object.get(key);
    if (value instanceof Long number && number > 0 && number <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    throw new TraceFormatException(
        source, lineNumber, "'" + key + "' must be a whole number > 0, got " + value);
  }

  private List<Long> hashIds(Object value, int lineNumber) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new TraceFormatException(source, lineNumber, "'hash_ids' must be a list of integers");
    }
    List<Long> ids = new ArrayList<>(list.size());
    for (Object id : list) {
      if (!(id instanceof Long number)) {
        throw new TraceFormatException(
            source, lineNumber, "'hash_ids' must be a list of integers, got " + id);
      }
      ids.add(number);
    }
    return ids;
  }
}
