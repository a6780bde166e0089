package dev.llmscale.core.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/** Reads the Azure LLM inference trace CSV: {@code TIMESTAMP,ContextTokens,GeneratedTokens}. */
final class AzureTraceParser {
  static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";

  /** {@code 2023-11-16 18:15:46.6805900}: zero to nine fractional digits. */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private final String source;

  AzureTraceParser(String source) {
    this.source = source;
  }

  List<TraceRecord> parse(BufferedReader in) throws IOException {
    List<TraceRecord> records = new ArrayList<>();
    LocalDateTime first = null;
    int lineNumber = 0;
    boolean headerSeen = false;
    for (String line; (line = in.readLine()) != null; ) {
      lineNumber++;
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (!headerSeen) {
        if (!text.replace(" ", "").equalsIgnoreCase(HEADER)) {
          throw new TraceFormatException(
              source, lineNumber, "expected the header '" + HEADER + "', got '" + text + "'");
        }
        headerSeen = true;
        continue;
      }
      String[] fields = text.split(",", -1);
      if (fields.length != 3) {
        throw new TraceFormatException(
            source, lineNumber, "expected 3 fields, got " + fields.length + ": '" + text + "'");
      }
      LocalDateTime time;
      try {
        time = LocalDateTime.parse(fields[0].strip(), TIMESTAMP);
      } catch (DateTimeParseException e) {
        throw new TraceFormatException(
            source, lineNumber, "bad TIMESTAMP '" + fields[0].strip() + "'");
      }
      if (first == null) {
        first = time;
      }
      long arrival = Duration.between(first, time).toNanos();
      if (arrival < 0) {
        throw new TraceFormatException(
            source, lineNumber, "TIMESTAMP goes back before the first row: " + fields[0].strip());
      }
      int input = positive(fields[1], "ContextTokens", lineNumber);
      int output = positive(fields[2], "GeneratedTokens", lineNumber);
      records.add(new TraceRecord(arrival, input, output, List.of()));
    }
    if (!headerSeen) {
      throw new TraceFormatException(source, 0, "empty file, expected the header '" + HEADER + "'");
    }
    return records;
  }

  private int positive(String field, String column, int lineNumber) {
    try {
      int value = Integer.parseInt(field.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TraceFormatException(
        source, lineNumber, column + " must be a whole number > 0, got '" + field.strip() + "'");
  }
}
