package dev.llmscale.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeRecorderTest {
  private static final Labels TARGET = Labels.of("instance", "127.0.0.1:8000");
  private static final long LOOKBACK = 300_000;

  private final SeriesStore store = new SeriesStore(600_000);
  private final ScrapeRecorder recorder = new ScrapeRecorder(store);

  private List<Sample> read(String metric, long time) {
    return store.instantVector(metric, labels -> true, time, LOOKBACK);
  }

  private static Sample sample(String metric, double value, String... labels) {
    return new Sample(Labels.metric(metric, labels), value);
  }

  @Test
  void addsTheTargetLabelsAndKeepsAClashingScrapedLabelAsExported() {
    recorder.recordSuccess(
        TARGET,
        List.of(sample("queue", 2, "model", "m"), sample("queue", 3, "instance", "engine-7")),
        1000);

    assertThat(read("queue", 1000))
        .containsExactlyInAnyOrder(
            sample("queue", 2, "model", "m", "instance", "127.0.0.1:8000"),
            sample("queue", 3, "instance", "127.0.0.1:8000", "exported_instance", "engine-7"));
    assertThat(read("up", 1000)).containsExactly(sample("up", 1, "instance", "127.0.0.1:8000"));
  }

  @Test
  void aSeriesMissingFromTheNextScrapeGoesStaleAtOnce() {
    recorder.recordSuccess(
        TARGET, List.of(sample("queue", 2, "model", "m"), sample("queue", 5, "model", "n")), 1000);
    recorder.recordSuccess(TARGET, List.of(sample("queue", 4, "model", "m")), 2000);

    assertThat(read("queue", 1500)).hasSize(2);
    assertThat(read("queue", 2000))
        .containsExactly(sample("queue", 4, "model", "m", "instance", "127.0.0.1:8000"));
  }

  @Test
  void aFailedScrapeMarksEverySeriesOfTheTargetStaleAndUpZero() {
    Labels otherTarget = Labels.of("instance", "127.0.0.1:9000");
    recorder.recordSuccess(TARGET, List.of(sample("queue", 2)), 1000);
    recorder.recordSuccess(otherTarget, List.of(sample("queue", 7)), 1000);

    recorder.recordFailure(TARGET, 2000);

    assertThat(read("queue", 2000))
        .containsExactly(sample("queue", 7, "instance", "127.0.0.1:9000"));
    assertThat(read("up", 2000))
        .containsExactlyInAnyOrder(
            sample("up", 0, "instance", "127.0.0.1:8000"),
            sample("up", 1, "instance", "127.0.0.1:9000"));

    recorder.recordSuccess(TARGET, List.of(sample("queue", 3)), 3000);

    assertThat(read("queue", 3000)).hasSize(2);
  }

  @Test
  void aSeriesRepeatedWithinOneScrapeKeepsItsFirstValue() {
    recorder.recordSuccess(TARGET, List.of(sample("queue", 2), sample("queue", 9)), 1000);

    assertThat(read("queue", 1000)).extracting(Sample::value).containsExactly(2.0);
  }
}
