package dev.llmscale.core.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.metrics.Labels;
import dev.llmscale.core.metrics.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code histogram_quantile} against Prometheus's {@code BucketQuantile} (promql/quantile.go). The
 * buckets are cumulative counts, as scraped; each case lists {@code le=count} pairs. The textbook
 * and non-monotonic cases gave the same values from a real Prometheus 2.42.
 */
class HistogramQuantileTest {
  private static final String TEXTBOOK = "0.1=10 0.2=30 0.5=70 1=90 +Inf=100";

  private static Double quantile(String q, String buckets) {
    SeriesFixture fixture = new SeriesFixture();
    for (String bucket : buckets.split(" ")) {
      String[] boundAndCount = bucket.split("=");
      fixture.load("h_bucket{le=\"" + boundAndCount[0] + "\"}", "10=" + boundAndCount[1]);
    }
    return fixture.single("histogram_quantile(" + q + ", h_bucket)", 10);
  }

  @ParameterizedTest(name = "q={0} over {1} -> {2}: {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          0.5   | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 0.35      | rank 50 in (0.2, 0.5]: 0.2 + 0.3 x 20/40
          0.05  | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 0.05      | lowest bucket interpolates from 0
          0     | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 0         | rank 0
          0.9   | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 1         | rank 90 at the top of (0.5, 1]
          0.95  | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 1         | in the +Inf bucket: highest finite bound
          1     | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | 1         | q=1 too
          -0.1  | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | -Infinity | q below 0
          1.1   | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | Infinity  | q above 1
          NaN   | 0.1=10 0.2=30 0.5=70 1=90 +Inf=100 | NaN       | q NaN
          0.5   | 0.1=10 0.2=30 0.5=70 1=90          | NaN       | no +Inf bucket
          0.5   | 0.1=0 0.2=0 +Inf=0                 | NaN       | no observations
          0.5   | +Inf=10                            | NaN       | fewer than two buckets
          0.6   | 0.1=10 0.2=8 0.5=20 +Inf=20        | 0.26      | 8 forced up to 10: 0.2 + 0.3 x 2/10
          0.5   | 0.5=10 1=15 1.0=15 +Inf=40         | 0.75      | le 1 and 1.0 merge to 30: 0.5 + 0.5 x 10/20
          0.25  | -1=10 0=20 +Inf=20                 | -1        | lowest bucket bound <= 0 is returned as is
          0.5   | +Inf=20 0.5=10 0.1=0               | 0.5       | bucket order does not matter
          0.5   | 0.1=10 abc=15 +Inf=20              | 0.1       | an le that is no number is ignored
          """)
  void interpolatesLikePrometheus(String q, String buckets, double expected, String why) {
    Double actual = quantile(q, buckets);

    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertThat((Object) actual).as(why).isEqualTo(expected);
    } else {
      assertThat(actual).as(why).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void countsThatDifferOnlyByFloatNoiseAreTakenAsEqual() {
    // 30.000000000000004 is 30 plus one ulp: noise, so the total is 30 and rank 30 ends in
    // (0.1, 0.2]. Taken at face value, rank 30.000000000000004 would end in (0.2, 0.5] at 0.5.
    assertThat(quantile("1", "0.1=10 0.2=30 0.5=30.000000000000004 +Inf=30.000000000000004"))
        .isCloseTo(0.2, within(1e-12));
  }

  @Test
  void groupsBucketsByTheirOtherLabelsAndDropsTheName() {
    SeriesFixture fixture =
        new SeriesFixture()
            .load("ttft_bucket{model=\"a\",le=\"1\"}", "1=0 60=60")
            .load("ttft_bucket{model=\"a\",le=\"+Inf\"}", "1=0 60=60")
            .load("ttft_bucket{model=\"b\",le=\"1\"}", "1=0 60=30")
            .load("ttft_bucket{model=\"b\",le=\"+Inf\"}", "1=0 60=60");

    assertThat(
            fixture.vector(
                "histogram_quantile(0.9, sum by (model, le) (rate(ttft_bucket[1m])))", 60))
        .containsExactly(
            new Sample(Labels.of("model", "a"), 0.9), new Sample(Labels.of("model", "b"), 1.0));
  }
}
