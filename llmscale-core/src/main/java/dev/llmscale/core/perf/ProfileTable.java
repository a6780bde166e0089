package dev.llmscale.core.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Measured latencies of one engine (model, GPU, engine settings): the data behind {@link
 * ProfiledPerformanceModel}, and what the profiler writes. The text format, version 1:
 *
 * <pre>
 * # llmscale-profile v1
 * # any comment line
 * model=Qwen/Qwen3-0.6B
 * gpu=h100
 * request_overhead_ms=7.0
 *
 * [prefill]
 * input_tokens,ttft_ms
 * 128,18.4
 * 1024,32.5
 *
 * [decode]
 * batch,context_tokens,itl_ms
 * 1,1024,6.9
 * 64,1024,10.2
 * </pre>
 *
 * <ul>
 *   <li>The first non-blank line is exactly {@code # llmscale-profile v1}. Other lines starting
 *       with {@code #} and blank lines are ignored.
 *   <li>{@code key=value} properties come before the first section. {@code model}, {@code gpu} and
 *       anything else (engine version, settings, date) are free text kept for reports; {@code
 *       request_overhead_ms} (optional, {@code >= 0}) is the latency of a request outside the
 *       engine's steps (see {@link PerformanceModel#requestOverheadSeconds()}).
 *   <li>{@code [prefill]}: time to first token of one fresh prompt of {@code input_tokens} tokens,
 *       measured at concurrency 1 (no other request running), in ms.
 *   <li>{@code [decode]}: inter-token latency with {@code batch} sequences decoding together, each
 *       with about {@code context_tokens} tokens of context, in ms. Points need not form a full
 *       grid: each context length may have its own batch sizes.
 *   <li>Each section starts with exactly the column header shown, has at least one row, and no
 *       repeated input size / (batch, context) pair. Rows may come in any order.
 * </ul>
 *
 * @param properties {@code key=value} header lines, in file order
 * @param prefill prefill measurements sorted by input tokens
 * @param decode decode measurements sorted by context, then batch
 */
public record ProfileTable(
    Map<String, String> properties, List<PrefillPoint> prefill, List<DecodePoint> decode) {

  /** First line of every profile file. */
  public static final String MAGIC = "# llmscale-profile v1";

  public static final String REQUEST_OVERHEAD_MS = "request_overhead_ms";
  static final String PREFILL_HEADER = "input_tokens,ttft_ms";
  static final String DECODE_HEADER = "batch,context_tokens,itl_ms";
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  /** TTFT of one fresh prompt of {@code inputTokens} tokens at concurrency 1. */
  public record PrefillPoint(int inputTokens, double ttftMs) {
    public PrefillPoint {
      if (inputTokens <= 0 || !(ttftMs > 0) || Double.isInfinite(ttftMs)) {
        throw new IllegalArgumentException("need input_tokens > 0 and ttft_ms > 0: " + this);
      }
    }
  }

  /** ITL of {@code batch} sequences decoding together with {@code contextTokens} context each. */
  public record DecodePoint(int batch, int contextTokens, double itlMs) {
    public DecodePoint {
      if (batch <= 0 || contextTokens < 0 || !(itlMs > 0) || Double.isInfinite(itlMs)) {
        throw new IllegalArgumentException(
            "need batch > 0, context_tokens >= 0 and itl_ms > 0: " + this);
      }
    }
  }

  public ProfileTable {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    properties.forEach(ProfileTable::checkProperty);
    if (prefill.isEmpty() || decode.isEmpty()) {
      throw new IllegalArgumentException("a profile needs prefill and decode points");
    }
    prefill = prefill.stream().sorted(Comparator.comparingInt(PrefillPoint::inputTokens)).toList();
    decode =
        decode.stream()
            .sorted(
                Comparator.comparingInt(DecodePoint::contextTokens)
                    .thenComparingInt(DecodePoint::batch))
            .toList();
    for (int i = 1; i < prefill.size(); i++) {
      if (prefill.get(i).inputTokens() == prefill.get(i - 1).inputTokens()) {
        throw new IllegalArgumentException("repeated prefill input_tokens " + prefill.get(i));
      }
    }
    for (int i = 1; i < decode.size(); i++) {
      DecodePoint a = decode.get(i - 1);
      DecodePoint b = decode.get(i);
      if (a.batch() == b.batch() && a.contextTokens() == b.contextTokens()) {
        throw new IllegalArgumentException("repeated decode point " + b);
      }
    }
    String overhead = properties.get(REQUEST_OVERHEAD_MS);
    if (overhead != null && parseOverhead(overhead) == null) {
      throw new IllegalArgumentException(
          REQUEST_OVERHEAD_MS + " must be a number >= 0, got '" + overhead + "'");
    }
  }

  public Optional<String> model() {
    return Optional.ofNullable(properties.get("model"));
  }

  public Optional<String> gpu() {
    return Optional.ofNullable(properties.get("gpu"));
  }

  /** The declared request overhead in ms, if the profile states one. */
  public Optional<Double> requestOverheadMs() {
    return Optional.ofNullable(properties.get(REQUEST_OVERHEAD_MS))
        .map(ProfileTable::parseOverhead);
  }

  /** Reads a profile file handed in by the caller. */
  public static ProfileTable load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new ProfileFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  public static ProfileTable parse(String text, String source) {
    return parse(new StringReader(text), source);
  }

  /**
   * Parses the v1 text format; {@code source} names the input in error messages.
   *
   * @throws ProfileFormatException naming the source and line of the first problem
   */
  public static ProfileTable parse(Reader reader, String source) {
    try (BufferedReader in = new BufferedReader(reader)) {
      return new ProfileTableParser(source).parse(in);
    } catch (IOException e) {
      throw new ProfileFormatException(source, "cannot read: " + e.getMessage(), e);
    }
  }

  /** The v1 text of this table; {@link #parse} gives back an equal table. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // StringBuilder does not throw
    }
    return out.toString();
  }

  /** Writes the v1 text of this table to {@code out}. */
  public void writeTo(Appendable out) throws IOException {
    out.append(MAGIC).append('\n');
    for (Map.Entry<String, String> property : properties.entrySet()) {
      out.append(property.getKey()).append('=').append(property.getValue()).append('\n');
    }
    out.append("\n[prefill]\n").append(PREFILL_HEADER).append('\n');
    for (PrefillPoint p : prefill) {
      out.append(Integer.toString(p.inputTokens())).append(',');
      out.append(Double.toString(p.ttftMs())).append('\n');
    }
    out.append("\n[decode]\n").append(DECODE_HEADER).append('\n');
    for (DecodePoint p : decode) {
      out.append(Integer.toString(p.batch())).append(',');
      out.append(Integer.toString(p.contextTokens())).append(',');
      out.append(Double.toString(p.itlMs())).append('\n');
    }
  }

  private static void checkProperty(String key, String value) {
    if (!KEY.matcher(key).matches() || value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException("bad profile property '" + key + "=" + value + "'");
    }
  }

  /** The overhead value, or null when it is not a finite number >= 0. */
  static Double parseOverhead(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return value >= 0 && Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
