package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties every {@link PerformanceModel} must have, whatever its source: a non-empty step takes
 * positive time, the empty step none, and more work (prefill tokens, attention, batch, context)
 * never makes a step faster.
 */
final class PerformanceModelContract {

  private static final int[] PREFILL_TOKENS = {1, 7, 64, 256, 512, 1000, 2048, 4096, 8192, 16384};
  private static final int[] BATCHES = {1, 2, 8, 16, 64, 250, 512};
  private static final long[] CONTEXTS = {0, 1, 100, 1024, 4096, 32768};

  private PerformanceModelContract() {}

  static void check(PerformanceModel model) {
    assertThat(model.stepSeconds(new StepShape(0, 0, 0, 0))).isZero();
    assertThat(model.requestOverheadSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(model.describe()).isNotBlank();

    double previous = 0;
    for (int tokens : PREFILL_TOKENS) {
      double t = model.stepSeconds(StepShape.prefill(tokens));
      assertThat(t).as("prefill %d tokens", tokens).isPositive().isGreaterThanOrEqualTo(previous);
      previous = t;
    }
    for (long context : CONTEXTS) {
      previous = 0;
      for (int batch : BATCHES) {
        double t = model.stepSeconds(StepShape.decode(batch, context));
        assertThat(t).as("decode batch %d context %d", batch, context).isPositive();
        assertThat(t)
            .as("batch %d vs smaller, context %d", batch, context)
            .isGreaterThanOrEqualTo(previous);
        previous = t;
      }
    }
    for (int batch : BATCHES) {
      previous = 0;
      for (long context : CONTEXTS) {
        double t = model.stepSeconds(StepShape.decode(batch, context));
        assertThat(t)
            .as("context %d vs smaller, batch %d", context, batch)
            .isGreaterThanOrEqualTo(previous);
        previous = t;
      }
    }
    // chunked prefill mixed with decode: adding any component never makes the step faster
    for (int chunk : new int[] {16, 512, 2048}) {
      for (int batch : new int[] {1, 32, 256}) {
        StepShape mixed =
            new StepShape(chunk, chunk * (4096.0 + chunk / 2.0), batch, batch * 1024L);
        double t = model.stepSeconds(mixed);
        assertThat(t).isGreaterThanOrEqualTo(model.stepSeconds(StepShape.decode(batch, 1024)));
        assertThat(t)
            .isGreaterThanOrEqualTo(
                model.stepSeconds(new StepShape(chunk, mixed.prefillAttention(), 0, 0)));
        assertThat(
                model.stepSeconds(
                    new StepShape(chunk + 1, mixed.prefillAttention(), batch, batch * 1024L)))
            .as("one more prefill token")
            .isGreaterThanOrEqualTo(t);
        assertThat(
                model.stepSeconds(
                    new StepShape(chunk, mixed.prefillAttention() * 2, batch, batch * 1024L)))
            .as("more attention")
            .isGreaterThanOrEqualTo(t);
        assertThat(
                model.stepSeconds(
                    new StepShape(chunk, mixed.prefillAttention(), batch + 1, (batch + 1) * 1024L)))
            .as("one more sequence")
            .isGreaterThanOrEqualTo(t);
      }
    }
  }
}
