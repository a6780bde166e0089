package dev.llmscale.core.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A production request trace in arrival order, ready to replay: its {@link #arrivals(double)} times
 * and its {@link #workload()} of request shapes.
 *
 * @param name where the trace came from, for reports
 * @param format the file format, which fixes how many tokens one hash id covers
 * @param records requests sorted by arrival (stable: equal times keep file order)
 */
public record Trace(String name, TraceFormat format, List<TraceRecord> records) {

  public Trace {
    records = records.stream().sorted(Comparator.comparingLong(TraceRecord::arrivalNanos)).toList();
    if (records.isEmpty()) {
      throw new IllegalArgumentException("trace " + name + " has no requests");
    }
  }

  /** Reads a trace file handed in by the caller. */
  public static Trace load(Path file, TraceFormat format) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, format, file.toString());
    } catch (IOException e) {
      throw new TraceFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  public static Trace parse(String text, TraceFormat format, String source) {
    return parse(new StringReader(text), format, source);
  }

  /**
   * @param source names the input in error messages
   * @throws TraceFormatException naming the source and line of the first problem
   */
  public static Trace parse(Reader reader, TraceFormat format, String source) {
    try (BufferedReader in = new BufferedReader(reader)) {
      List<TraceRecord> records = format.parse(in, source);
      if (records.isEmpty()) {
        throw new TraceFormatException(source, 0, "no requests in the trace");
      }
      return new Trace(source, format, records);
    } catch (IOException e) {
      throw new TraceFormatException(source, "cannot read: " + e.getMessage(), e);
    }
  }

  /** The first {@code count} requests (all of them if there are fewer). */
  public Trace first(long count) {
    return count >= records.size()
        ? this
        : new Trace(name, format, records.subList(0, (int) Math.max(1, count)));
  }

  /** Requests arriving before {@code nanos} from the start (at least the first one). */
  public Trace before(long nanos) {
    int end = 0;
    while (end < records.size() && records.get(end).arrivalNanos() < nanos) {
      end++;
    }
    return new Trace(name, format, records.subList(0, Math.max(1, end)));
  }

  /** Time from the first to the last arrival. */
  public long spanNanos() {
    return records.get(records.size() - 1).arrivalNanos();
  }

  /** Arrival times scaled by {@code timeScale} (0.5 replays twice as fast). */
  public ArrivalProcess arrivals(double timeScale) {
    return new TraceArrivals(records, timeScale);
  }

  /** The requests' shapes in arrival order; hash ids become shared {@link PromptSegment}s. */
  public Workload workload() {
    return new TraceWorkload(records, format.hashBlockTokens());
  }
}
