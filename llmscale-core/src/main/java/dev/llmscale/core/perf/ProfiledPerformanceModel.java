package dev.llmscale.core.perf;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step time read off a measured {@link ProfileTable} (format in its javadoc and in {@code
 * docs/calibration.md}): the most faithful model for hardware you can measure, and the one the
 * profiler produces.
 *
 * <p><b>Interpolation.</b> TTFT of {@code N} prompt tokens doing {@code A} attention pairs ({@code
 * N²/2} for one fresh prompt) is {@code L(N) + a·2A}: {@code a ≥ 0} is the {@code N²} coefficient
 * of a least-squares fit {@code ttft ≈ c + b·N + a·N²} to the prefill table, and {@code L} is
 * piecewise linear through the measured TTFTs less {@code a·N²}. So a fresh prompt reproduces every
 * measured point exactly, follows the attention curvature between and beyond them, a chunk that
 * attends to earlier chunks ({@code 2A > N²}) costs more and several short prompts batched together
 * ({@code 2A < N²}) cost less than one prompt of the same total. ITL is piecewise linear in batch
 * size for each measured context length, and linear in context length between the two nearest
 * measured context lengths. Past the largest measured value each linear piece continues along its
 * last segment; below the smallest batch or context ITL is held constant, below the smallest prompt
 * {@code L} continues along its first segment down to 0 tokens. Linear pieces are made
 * non-decreasing (running maximum), so measurement noise never makes more work faster.
 *
 * <p><b>Splitting TTFT.</b> Measured TTFT is {@code requestOverhead + prefill step}. The overhead
 * is the profile's {@code request_overhead_ms} if given, else estimated as {@code ttft(0) −
 * itl(smallest batch and context)}: a prefill of almost no tokens costs about one minimal decode
 * step, everything above that is latency outside the GPU.
 *
 * <p><b>Mixed steps.</b> With {@code base} = the decode ITL of the step's batch and mean context
 * (or the minimal step {@code itl(smallest)} when nothing decodes):
 *
 * <pre>
 * step = base + max(0, L(N) + a·2A − requestOverhead − itl(smallest))
 * </pre>
 *
 * A step pays its fixed cost once; the prefill adds what it costs beyond a minimal step. For a
 * prefill-only step this makes {@code requestOverhead + step} the measured TTFT.
 */
public final class ProfiledPerformanceModel implements PerformanceModel {

  private final ProfileTable table;
  private final String source;
  private final PiecewiseLinear ttftWithoutAttentionMs;
  private final double attentionMsPerTokenSquared;
  private final double[] contexts;
  private final PiecewiseLinear[] itlMsByBatch;
  private final double minimalStepMs;
  private final double requestOverheadMs;

  /** A profile built in code, e.g. by the profiler. */
  public ProfiledPerformanceModel(ProfileTable table) {
    this(table, table.model().orElse("in-memory profile"));
  }

  /**
   * @param source where the table came from, for {@link #describe()}
   */
  public ProfiledPerformanceModel(ProfileTable table, String source) {
    this.table = table;
    this.source = source;
    double[] tokens = table.prefill().stream().mapToDouble(p -> p.inputTokens()).toArray();
    double[] ttft =
        table.prefill().stream().mapToDouble(ProfileTable.PrefillPoint::ttftMs).toArray();
    this.attentionMsPerTokenSquared = Math.max(0.0, quadraticCoefficient(tokens, ttft));
    double[] withoutAttention = new double[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      withoutAttention[i] = ttft[i] - attentionMsPerTokenSquared * tokens[i] * tokens[i];
    }
    this.ttftWithoutAttentionMs = new PiecewiseLinear(tokens, withoutAttention);

    Map<Integer, List<ProfileTable.DecodePoint>> byContext = new TreeMap<>();
    for (ProfileTable.DecodePoint p : table.decode()) {
      byContext.computeIfAbsent(p.contextTokens(), c -> new ArrayList<>()).add(p);
    }
    this.contexts = byContext.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    this.itlMsByBatch =
        byContext.values().stream()
            .map(
                points ->
                    new PiecewiseLinear(
                        points.stream().mapToDouble(ProfileTable.DecodePoint::batch).toArray(),
                        points.stream().mapToDouble(ProfileTable.DecodePoint::itlMs).toArray()))
            .toArray(PiecewiseLinear[]::new);

    this.minimalStepMs = itlMillis(1, 0);
    this.requestOverheadMs =
        table
            .requestOverheadMs()
            .orElse(Math.max(0.0, ttftWithoutAttentionMs.at(0) - minimalStepMs));
  }

  /** Reads a profile file handed in by the caller. */
  public static ProfiledPerformanceModel load(Path file) {
    return new ProfiledPerformanceModel(ProfileTable.load(file), file.toString());
  }

  public static ProfiledPerformanceModel parse(Reader reader, String source) {
    return new ProfiledPerformanceModel(ProfileTable.parse(reader, source), source);
  }

  public static ProfiledPerformanceModel parse(String text, String source) {
    return new ProfiledPerformanceModel(ProfileTable.parse(text, source), source);
  }

  public ProfileTable table() {
    return table;
  }

  /** Interpolated TTFT, in ms, of one fresh prompt at concurrency 1. */
  public double ttftMillis(int promptTokens) {
    return prefillMillis(promptTokens, promptTokens * (double) promptTokens / 2.0);
  }

  /** Measured-TTFT equivalent of {@code tokens} prefill tokens doing {@code attention} pairs. */
  private double prefillMillis(double tokens, double attention) {
    return ttftWithoutAttentionMs.at(tokens) + attentionMsPerTokenSquared * 2.0 * attention;
  }

  /** Interpolated ITL, in ms, of {@code batch} sequences with {@code contextPerSequence} each. */
  public double itlMillis(int batch, double contextPerSequence) {
    double[] atBatch = new double[contexts.length];
    for (int i = 0; i < contexts.length; i++) {
      atBatch[i] = itlMsByBatch[i].atClampedBelow(batch);
    }
    return new PiecewiseLinear(contexts, atBatch).atClampedBelow(contextPerSequence);
  }

  @Override
  public double stepSeconds(StepShape step) {
    if (step.isEmpty()) {
      return 0.0;
    }
    double base =
        step.decodeSequences() > 0
            ? itlMillis(
                step.decodeSequences(), (double) step.contextTokens() / step.decodeSequences())
            : minimalStepMs;
    double prefill = 0.0;
    if (step.prefillTokens() > 0) {
      double ttft = prefillMillis(step.prefillTokens(), step.prefillAttention());
      prefill = Math.max(0.0, ttft - requestOverheadMs - minimalStepMs);
    }
    return (base + prefill) / 1e3;
  }

  @Override
  public double requestOverheadSeconds() {
    return requestOverheadMs / 1e3;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "profile %s (model %s, gpu %s): %d prefill and %d decode points, request overhead %.2f ms",
        source,
        table.model().orElse("?"),
        table.gpu().orElse("?"),
        table.prefill().size(),
        table.decode().size(),
        requestOverheadMs);
  }

  /** Coefficient of x² in the least-squares fit y ≈ c + b·x + a·x²; 0 with fewer than 3 points. */
  static double quadraticCoefficient(double[] xs, double[] ys) {
    if (xs.length < 3) {
      return 0.0;
    }
    double scale = xs[xs.length - 1]; // work in x/scale to keep the normal equations well scaled
    double[][] m = new double[3][4];
    for (int k = 0; k < xs.length; k++) {
      double x = xs[k] / scale;
      double[] powers = {1, x, x * x};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          m[i][j] += powers[i] * powers[j];
        }
        m[i][3] += powers[i] * ys[k];
      }
    }
    for (int col = 0; col < 3; col++) {
      int pivot = col;
      for (int row = col + 1; row < 3; row++) {
        if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = m[col];
      m[col] = m[pivot];
      m[pivot] = swap;
      if (Math.abs(m[col][col]) < 1e-12) {
        return 0.0;
      }
      for (int row = 0; row < 3; row++) {
        if (row != col) {
          double factor = m[row][col] / m[col][col];
          for (int j = col; j < 4; j++) {
            m[row][j] -= factor * m[col][j];
          }
        }
      }
    }
    return m[2][3] / m[2][2] / (scale * scale);
  }
}
