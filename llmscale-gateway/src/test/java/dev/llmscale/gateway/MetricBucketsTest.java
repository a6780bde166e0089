package dev.llmscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code histogram_quantile(0.99, …)} over the gateway's TTFT buckets stays within 10 % of the true
 * p99 wherever it lies between 0.1 and 2 s, for every shape of latency distribution tried; over log
 * buckets 2.2× apart, like Dynamo's defaults, it does not.
 */
class MetricBucketsTest {
  private static final double[] TTFT = MetricBuckets.TIME_TO_FIRST_TOKEN_SECONDS;

  /** Log-spaced TTFT buckets about 2.2× apart, like Dynamo frontend's defaults. */
  private static final double[] COARSE_LOG = {
    0.001, 0.0022, 0.0047, 0.01, 0.022, 0.047, 0.1, 0.22, 0.47, 1.0, 2.2, 4.7, 10, 22, 47, 100, 220,
    480
  };

  @Test
  void neighbouringBoundsAreAtMostTenPercentApartBetweenATenthAndTwoSeconds() {
    for (int i = 1; i < TTFT.length; i++) {
      assertThat(TTFT[i]).isGreaterThan(TTFT[i - 1]);
      if (TTFT[i - 1] >= 0.1 && TTFT[i] <= 2.0) {
        assertThat(TTFT[i] / TTFT[i - 1])
            .as("%s → %s", TTFT[i - 1], TTFT[i])
            .isLessThanOrEqualTo(1.1 + 1e-9);
      }
    }
    assertThat(TTFT).contains(0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0);
  }

  @Test
  void interTokenBoundsAreAtMostTenPercentApartBetweenFiveAndFiftyMilliseconds() {
    double[] itl = MetricBuckets.INTER_TOKEN_LATENCY_SECONDS;
    for (int i = 1; i < itl.length; i++) {
      assertThat(itl[i]).isGreaterThan(itl[i - 1]);
      if (itl[i - 1] >= 0.005 && itl[i] <= 0.05) {
        assertThat(itl[i] / itl[i - 1]).isLessThanOrEqualTo(1.1 + 1e-9);
      }
    }
  }

  @Test
  void p99EstimateIsWithinTenPercentForLatenciesBetweenATenthAndTwoSeconds() {
    Random random = new Random(42);
    int checked = 0;
    double worst = 0;
    for (Shape shape : shapes(random)) {
      double[] values = shape.sample(20_000);
      double truth = HistogramQuantile.exact(0.99, values);
      if (truth < 0.1 || truth > 2.0) {
        continue;
      }
      double estimate = HistogramQuantile.estimate(0.99, TTFT, values);
      double error = Math.abs(estimate - truth) / truth;
      worst = Math.max(worst, error);
      assertThat(error)
          .as("%s: true p99 %.4f, estimate %.4f", shape.name, truth, estimate)
          .isLessThanOrEqualTo(0.10);
      checked++;
    }
    System.out.printf(
        "llmscale buckets: worst p99 error %.1f %% over %d distributions%n", 100 * worst, checked);
    assertThat(checked).isGreaterThan(150);
    assertThat(worst).as("worst relative error").isLessThan(0.10);
  }

  @Test
  void coarseLogBucketsLikeDynamosMissByFarMoreInTheSameRange() {
    Random random = new Random(42);
    double worst = 0;
    for (Shape shape : shapes(random)) {
      double[] values = shape.sample(20_000);
      double truth = HistogramQuantile.exact(0.99, values);
      if (truth >= 0.1 && truth <= 2.0) {
        double estimate = HistogramQuantile.estimate(0.99, COARSE_LOG, values);
        worst = Math.max(worst, Math.abs(estimate - truth) / truth);
      }
    }
    System.out.printf("2.2x log buckets: worst p99 error %.1f %%%n", 100 * worst);
    assertThat(worst).isGreaterThan(0.3);
  }

  private record Shape(String name, DoubleSupplier draw) {
    double[] sample(int n) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = Math.max(0, draw.getAsDouble());
      }
      return values;
    }
  }

  /**
   * Log-normal, uniform, bimodal (a slow tail) and tight shapes with p99s spread over the range.
   */
  private static List<Shape> shapes(Random random) {
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double median = 0.03 + random.nextDouble() * 1.2;
      double sigma = 0.05 + random.nextDouble() * 0.6;
      shapes.add(
          new Shape(
              "log-normal median " + median + " sigma " + sigma,
              () -> median * Math.exp(sigma * random.nextGaussian())));
    }
    for (int i = 0; i < 50; i++) {
      double low = random.nextDouble() * 1.0;
      double high = low + 0.01 + random.nextDouble() * 1.5;
      shapes.add(
          new Shape(
              "uniform " + low + ".." + high, () -> low + (high - low) * random.nextDouble()));
    }
    for (int i = 0; i < 50; i++) {
      double fast = 0.02 + random.nextDouble() * 0.2;
      double slow = 0.1 + random.nextDouble() * 1.8;
      double slowShare = 0.02 + random.nextDouble() * 0.1;
      shapes.add(
          new Shape(
              "bimodal " + fast + " / " + slow + " (" + slowShare + ")",
              () ->
                  random.nextDouble() < slowShare
                      ? slow * (1 + 0.1 * random.nextGaussian())
                      : fast * (1 + 0.2 * random.nextGaussian())));
    }
    for (int i = 0; i < 40; i++) {
      double center = 0.1 + random.nextDouble() * 1.8;
      shapes.add(
          new Shape("tight around " + center, () -> center * (1 + 0.01 * random.nextGaussian())));
    }
    return shapes;
  }
}
