package dev.llmscale.core.perf;

import java.util.Locale;

/**
 * Step time as low-order polynomials fitted to measurements, the form NVIDIA Dynamo's mocker uses.
 * Cheap, smooth, and good for one model on one GPU; the {@link #LLAMA_8B_H100} defaults say so.
 *
 * <pre>
 * ttft(N)      = prefillQuadraticMs·N² + prefillLinearMs·N + prefillConstantMs   (one fresh prompt)
 * decode(B, K) = decodeConstantMs + decodePerSequenceMs·B + decodePerContextTokenMs·K
 * </pre>
 *
 * with {@code N} prompt tokens, {@code B} decoding sequences and {@code K} the context tokens they
 * read. For chunked or batched prefills {@code N²} generalises to {@code 2·prefillAttention} (equal
 * for one whole prompt), so a chunk late in a long prompt pays for attending to the earlier ones.
 *
 * <p><b>Mixed steps.</b> A step pays one fixed cost plus the variable parts of both phases:
 *
 * <pre>
 * step = fixed + prefillQuadraticMs·2A + prefillLinearMs·N + decodePerSequenceMs·B
 *              + decodePerContextTokenMs·K
 * fixed = decodeConstantMs                              if B > 0
 *       = min(prefillConstantMs, decodeConstantMs)      if B = 0 (prefill-only step)
 * </pre>
 *
 * The TTFT constant (16.5 ms in Dynamo's fit) is mostly request latency outside the GPU: only the
 * part up to one step's fixed cost is charged to the step, the rest is {@link
 * #requestOverheadSeconds()}, so {@code requestOverhead + step(prefill N)} is exactly {@code
 * ttft(N)}. Dynamo's mocker instead adds the whole prefill polynomial and the decode polynomial in
 * a mixed pass, which charges the 16.5 ms constant to every step that carries a prefill chunk and
 * overstates inter-token latency under load.
 */
public record PolynomialPerformanceModel(
    double prefillQuadraticMs,
    double prefillLinearMs,
    double prefillConstantMs,
    double decodeConstantMs,
    double decodePerSequenceMs,
    double decodePerContextTokenMs)
    implements PerformanceModel {

  /**
   * 8B-class model (Llama-3.1-8B) on one H100. Prefill: Dynamo mocker's polynomial, verbatim.
   * Decode: a minimax fit to ITL 6.5 / 11 / 16 ms at batch 1 / 16 / 250 with 1024 context tokens
   * per sequence (see {@code docs/calibration.md}); the per-context-token term (4.54e-5 ms) is
   * reading 128 KiB of KV cache per token at ~85 % of 3.35 TB/s, so the batch term is left at 0.
   */
  public static final PolynomialPerformanceModel LLAMA_8B_H100 =
      new PolynomialPerformanceModel(4.209989e-7, 1.518344e-2, 16.50142, 7.87, 0.0, 4.54e-5);

  public PolynomialPerformanceModel {
    double[] all = {
      prefillQuadraticMs,
      prefillLinearMs,
      prefillConstantMs,
      decodeConstantMs,
      decodePerSequenceMs,
      decodePerContextTokenMs
    };
    for (double coefficient : all) {
      if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
        throw new IllegalArgumentException(
            "coefficients must be finite and >= 0 (more work is never faster): " + this);
      }
    }
    if (prefillConstantMs == 0 || decodeConstantMs == 0) {
      throw new IllegalArgumentException("constant terms must be > 0: " + this);
    }
  }

  /** Time to first token, in ms, of one fresh prompt of {@code tokens} tokens at concurrency 1. */
  public double ttftMillis(int tokens) {
    double n = tokens;
    return prefillQuadraticMs * n * n + prefillLinearMs * n + prefillConstantMs;
  }

  /** Time of a decode-only step, in ms. */
  public double decodeMillis(int batch, long contextTokens) {
    return stepSeconds(new StepShape(0, 0, batch, contextTokens)) * 1e3;
  }

  @Override
  public double stepSeconds(StepShape step) {
    if (step.isEmpty()) {
      return 0.0;
    }
    double fixed =
        step.decodeSequences() > 0
            ? decodeConstantMs
            : Math.min(prefillConstantMs, decodeConstantMs);
    double prefill =
        prefillQuadraticMs * 2.0 * step.prefillAttention() + prefillLinearMs * step.prefillTokens();
    double decode =
        decodePerSequenceMs * step.decodeSequences()
            + decodePerContextTokenMs * step.contextTokens();
    return (fixed + prefill + decode) / 1e3;
  }

  @Override
  public double requestOverheadSeconds() {
    return Math.max(0.0, prefillConstantMs - decodeConstantMs) / 1e3;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "polynomial ttft(N) = %.6g·N² + %.6g·N + %.6g ms; decode = %.6g + %.6g·B + %.6g·K ms",
        prefillQuadraticMs,
        prefillLinearMs,
        prefillConstantMs,
        decodeConstantMs,
        decodePerSequenceMs,
        decodePerContextTokenMs);
  }
}
