package dev.llmscale.gateway;

/**
 * Reads the few vLLM gauges routing needs out of a Prometheus text exposition, without a full
 * parser: each sample line is {@code name[{labels}] value [timestamp]}. Label values may contain
 * spaces and braces inside quotes, which the label scan skips.
 */
final class EngineMetricsText {
  static final String WAITING = "vllm:num_requests_waiting";
  static final String RUNNING = "vllm:num_requests_running";
  static final String KV_USAGE = "vllm:kv_cache_usage_perc";
  static final String GPU_CACHE_USAGE = "vllm:gpu_cache_usage_perc";

  private EngineMetricsText() {}

  /**
   * @return the sample, or null if the text has neither queue gauge (not a vLLM-like engine)
   */
  static EngineSample parse(String text, long nowNanos) {
    double waiting = 0;
    double running = 0;
    double kv = -1;
    double gpuCache = -1;
    boolean seen = false;
    int start = 0;
    int length = text.length();
    while (start < length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      if (text.charAt(start) != '#') {
        int nameEnd = nameEnd(text, start, end);
        String name = text.substring(start, nameEnd);
        switch (name) {
          case WAITING -> {
            waiting += value(text, nameEnd, end);
            seen = true;
          }
          case RUNNING -> {
            running += value(text, nameEnd, end);
            seen = true;
          }
          case KV_USAGE -> kv = Math.max(kv, value(text, nameEnd, end));
          case GPU_CACHE_USAGE -> gpuCache = Math.max(gpuCache, value(text, nameEnd, end));
          default -> {}
        }
      }
      start = end + 1;
    }
    if (!seen) {
      return null;
    }
    double usage = kv >= 0 ? kv : Math.max(gpuCache, 0);
    return new EngineSample(count(waiting), count(running), usage, nowNanos);
  }

  private static int count(double value) {
    return value > 0 ? (int) Math.min(Math.round(value), Integer.MAX_VALUE) : 0;
  }

  private static int nameEnd(String text, int start, int end) {
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '{' || c == ' ' || c == '\t') {
        break;
      }
      i++;
    }
    return i;
  }

  /** The value after the name's labels; NaN when unreadable (then ignored by the sums). */
  private static double value(String text, int from, int end) {
    int i = from;
    if (i < end && text.charAt(i) == '{') {
      boolean quoted = false;
      for (i++; i < end; i++) {
        char c = text.charAt(i);
        if (quoted && c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == '}') {
          i++;
          break;
        }
      }
    }
    while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    int valueEnd = i;
    while (valueEnd < end && text.charAt(valueEnd) != ' ' && text.charAt(valueEnd) != '\r') {
      valueEnd++;
    }
    try {
      double value = Double.parseDouble(text.substring(i, valueEnd));
      return Double.isFinite(value) ? value : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
