package dev.llmscale.core.metrics;

/**
 * Histogram bucket bounds of the gateway's frontend metrics, shared by the live gateway and the
 * simulated one so that a policy reads the same quantiles from both.
 *
 * <p>{@code histogram_quantile} interpolates linearly inside the bucket that holds the quantile, so
 * its error is bounded by the bucket's width: with consecutive boundaries at most 10 % apart, the
 * estimate of any quantile in that range is within 10 % of the truth whatever the distribution (and
 * typically within 1–3 %). TTFT boundaries keep that ratio from 0.1 s to 2 s, the range of typical
 * TTFT SLOs, and include the usual SLO thresholds (0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 1.5, 2 s)
 * exactly, so "share of requests within the SLO" is exact too. Dynamo's default TTFT buckets (…,
 * 0.22, 0.47, 1, …) are over 2× apart there. Inter-token latency gets the same treatment from 5 to
 * 50 ms. Outside these ranges buckets are coarser. Native histograms (an option) need no boundaries
 * at all.
 */
public final class FrontendBuckets {
  private static final double[] TIME_TO_FIRST_TOKEN_SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.075, //
    0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, //
    0.20, 0.22, 0.24, 0.25, 0.275, 0.30, 0.325, 0.35, 0.375, //
    0.40, 0.44, 0.48, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, //
    1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, //
    2.25, 2.5, 3, 4, 5, 7.5, 10, 15, 20, 30, 60, 120, 300
  };

  private static final double[] INTER_TOKEN_LATENCY_SECONDS = {
    0.001, 0.002, 0.003, 0.004, //
    0.005, 0.0055, 0.006, 0.0065, 0.007, 0.0075, 0.008, 0.0085, 0.009, 0.0095, //
    0.010, 0.011, 0.012, 0.013, 0.014, 0.015, 0.016, 0.017, 0.018, 0.019, //
    0.020, 0.022, 0.024, 0.025, 0.0275, 0.030, 0.0325, 0.035, 0.0375, //
    0.040, 0.044, 0.048, 0.050, //
    0.060, 0.075, 0.10, 0.15, 0.20, 0.30, 0.50, 0.75, 1.0, 2.0, 5.0
  };

  private static final double[] REQUEST_DURATION_SECONDS = {
    0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300,
    450, 600, 900, 1200, 1800
  };

  private static final double[] SEQUENCE_TOKENS = {
    1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192,
    12288, 16384, 24576, 32768, 49152, 65536, 98304, 131072, 262144
  };

  private FrontendBuckets() {}

  /** Bounds of {@code time_to_first_token_seconds}. */
  public static double[] timeToFirstTokenSeconds() {
    return TIME_TO_FIRST_TOKEN_SECONDS.clone();
  }

  /** Bounds of {@code inter_token_latency_seconds}. */
  public static double[] interTokenLatencySeconds() {
    return INTER_TOKEN_LATENCY_SECONDS.clone();
  }

  /** Bounds of {@code request_duration_seconds}. */
  public static double[] requestDurationSeconds() {
    return REQUEST_DURATION_SECONDS.clone();
  }

  /** Bounds of {@code input_sequence_tokens} and {@code output_sequence_tokens}. */
  public static double[] sequenceTokens() {
    return SEQUENCE_TOKENS.clone();
  }
}
