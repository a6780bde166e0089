package dev.llmscale.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {
  private static final long MINUTE = 60_000;
  private static final long LOOKBACK = 5 * MINUTE;
  private static final Labels QUEUE = Labels.metric("queue", "model", "m");
  private static final Labels OTHER = Labels.metric("queue", "model", "n");

  private final SeriesStore store = new SeriesStore(10 * MINUTE);

  private List<Sample> at(long time) {
    return store.instantVector("queue", labels -> true, time, LOOKBACK);
  }

  @Test
  void anInstantReadTakesTheNewestSampleWithinTheLeftOpenLookback() {
    store.append(QUEUE, 0, 7);
    store.append(QUEUE, 1000, 8);

    assertThat(at(999)).containsExactly(new Sample(QUEUE, 7));
    assertThat(at(1000)).containsExactly(new Sample(QUEUE, 8));
    assertThat(at(1000 + LOOKBACK - 1)).containsExactly(new Sample(QUEUE, 8));
    assertThat(at(1000 + LOOKBACK)).as("a sample exactly 5 min old is out").isEmpty();
    assertThat(at(-1)).as("nothing yet").isEmpty();
  }

  @Test
  void aStaleMarkerEndsTheSeriesUntilItsNextSample() {
    store.append(QUEUE, 0, 7);
    store.append(OTHER, 0, 1);
    store.appendStaleMarker(QUEUE, 10_000);
    store.append(QUEUE, 30_000, 9);

    assertThat(at(9_999)).containsExactlyInAnyOrder(new Sample(QUEUE, 7), new Sample(OTHER, 1));
    assertThat(at(20_000)).containsExactly(new Sample(OTHER, 1));
    assertThat(at(30_000)).containsExactlyInAnyOrder(new Sample(QUEUE, 9), new Sample(OTHER, 1));
  }

  @Test
  void aRangeReadTakesTheLeftOpenWindowWithoutStaleMarkers() {
    for (long t = 0; t <= 60_000; t += 15_000) {
      store.append(QUEUE, t, t / 1000.0);
    }
    store.appendStaleMarker(QUEUE, 50_000);

    RangeSeries series = store.rangeVector("queue", labels -> true, 60_000, MINUTE).getFirst();

    assertThat(series.timestamps()).containsExactly(15_000, 30_000, 45_000, 60_000);
    assertThat(series.values()).containsExactly(15, 30, 45, 60);
    assertThat(store.rangeVector("queue", labels -> true, 5_000, 1_000)).isEmpty();
  }

  @Test
  void selectsBySeriesPredicate() {
    store.append(QUEUE, 0, 7);
    store.append(OTHER, 0, 1);

    assertThat(store.instantVector("queue", l -> l.get("model").equals("n"), 0, LOOKBACK))
        .containsExactly(new Sample(OTHER, 1));
    assertThat(store.instantVector("absent", l -> true, 0, LOOKBACK)).isEmpty();
  }

  @Test
  void dropsSamplesThatAreNotNewerThanTheSeriesNewest() {
    assertThat(store.append(QUEUE, 1000, 1)).isTrue();
    assertThat(store.append(QUEUE, 1000, 2)).as("same timestamp").isFalse();
    assertThat(store.append(QUEUE, 500, 3)).as("out of order").isFalse();

    assertThat(at(1000)).containsExactly(new Sample(QUEUE, 1));
  }

  @Test
  void forgetsSamplesAndSeriesOlderThanTheRetention() {
    store.append(QUEUE, 0, 1);
    store.append(OTHER, 0, 1);
    store.append(QUEUE, 11 * MINUTE, 2);

    assertThat(store.rangeVector("queue", l -> l.equals(QUEUE), 11 * MINUTE, 20 * MINUTE))
        .singleElement()
        .satisfies(series -> assertThat(series.values()).containsExactly(2));
    assertThat(store.seriesCount()).isEqualTo(2);

    store.removeExpired(11 * MINUTE);

    assertThat(store.seriesCount()).isEqualTo(1);
  }

  @Test
  void keepsManySamplesInOrderAcrossTheRingBuffersGrowth() {
    for (int i = 0; i < 1000; i++) {
      store.append(QUEUE, i * 1000L, i);
    }

    RangeSeries series = store.rangeVector("queue", l -> true, 999_000, 100_000).getFirst();
    assertThat(series.size()).isEqualTo(100);
    assertThat(series.values()[0]).isEqualTo(900);
    assertThat(at(999_000)).containsExactly(new Sample(QUEUE, 999));
  }

  @Test
  void refusesSeriesWithoutAMetricName() {
    assertThatThrownBy(() -> store.append(Labels.of("a", "b"), 0, 1))
        .hasMessageContaining("needs a metric name");
  }
}
