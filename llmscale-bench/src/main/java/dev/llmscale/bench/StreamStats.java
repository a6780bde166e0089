package dev.llmscale.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Client-side figures of a stream run; touched only from the client's single event loop. */
final class StreamStats {
  final Histogram ttftNanos = new Histogram(3_600_000_000_000L, 3);
  final Histogram gapNanos = new Histogram(3_600_000_000_000L, 3);
  final Map<String, Integer> errors = new TreeMap<>();
  long tokens;
  int completed;

  void firstToken(long nanos) {
    ttftNanos.recordValue(nanos);
    tokens++;
  }

  void gap(long nanos) {
    gapNanos.recordValue(nanos);
    tokens++;
  }

  void completed(int events) {
    completed++;
  }

  void error(String kind) {
    errors.merge(kind, 1, Integer::sum);
  }
}
