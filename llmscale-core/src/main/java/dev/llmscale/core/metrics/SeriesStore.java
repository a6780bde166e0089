package dev.llmscale.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small in-memory time-series database with Prometheus's read semantics, for the scrape source
 * and the simulator's metric pipeline.
 *
 * <p>Time is the caller's: timestamps are milliseconds on whatever clock drives the caller (epoch
 * milliseconds live, virtual milliseconds in simulation), Prometheus's own resolution. Samples of a
 * series must arrive in time order; one that is not newer than the series' newest sample is
 * dropped, as Prometheus drops out-of-order and duplicate samples. Memory is bounded by age:
 * appending at time {@code t} drops that series' samples older than {@code t − retention}, and
 * {@link #removeExpired} drops whole series that have received nothing for longer. The retention
 * should cover the longest range a query uses plus a scrape interval.
 *
 * <p>Reads follow Prometheus 3: an instant read takes the newest sample in {@code (t − lookback,
 * t]} unless it is a stale marker; a range read takes the samples in {@code (t − range, t]} without
 * stale markers. Not thread-safe: one owner, or a lock around it.
 */
public final class SeriesStore {
  private final long retentionMillis;
  private final Map<String, Map<Labels, SampleBuffer>> seriesByName = new HashMap<>();

  public SeriesStore(long retentionMillis) {
    if (retentionMillis <= 0) {
      throw new IllegalArgumentException("retention must be positive: " + retentionMillis + " ms");
    }
    this.retentionMillis = retentionMillis;
  }

  public long retentionMillis() {
    return retentionMillis;
  }

  /**
   * Appends one sample.
   *
   * @return false when the sample was dropped for not being newer than the series' newest one
   */
  public boolean append(Labels series, long timestampMillis, double value) {
    return append(series, timestampMillis, value, false);
  }

  /**
   * Marks {@code series} stale at {@code timestampMillis}, as Prometheus does when a series
   * disappears from its target or its target fails: from then on an instant read finds no value
   * until a new sample arrives. A series the store does not hold needs no marker.
   */
  public boolean appendStaleMarker(Labels series, long timestampMillis) {
    Map<Labels, SampleBuffer> family = seriesByName.get(series.metricName());
    if (family == null || !family.containsKey(series)) {
      return false;
    }
    return append(series, timestampMillis, Double.NaN, true);
  }

  private boolean append(Labels series, long timestampMillis, double value, boolean stale) {
    String name = series.metricName();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a series needs a metric name: " + series);
    }
    SampleBuffer buffer =
        seriesByName
            .computeIfAbsent(name, n -> new HashMap<>())
            .computeIfAbsent(series, s -> new SampleBuffer());
    boolean appended = buffer.append(timestampMillis, value, stale);
    buffer.dropBefore(timestampMillis - retentionMillis);
    return appended;
  }

  /** Drops every sample older than {@code nowMillis − retention}, and series left empty. */
  public void removeExpired(long nowMillis) {
    long minTime = nowMillis - retentionMillis;
    for (Iterator<Map<Labels, SampleBuffer>> families = seriesByName.values().iterator();
        families.hasNext(); ) {
      Map<Labels, SampleBuffer> family = families.next();
      for (Iterator<SampleBuffer> buffers = family.values().iterator(); buffers.hasNext(); ) {
        SampleBuffer buffer = buffers.next();
        buffer.dropBefore(minTime);
        if (buffer.isEmpty()) {
          buffers.remove();
        }
      }
      if (family.isEmpty()) {
        families.remove();
      }
    }
  }

  /** How many series the store holds. */
  public int seriesCount() {
    return seriesByName.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * The value of each matching series of {@code metricName} at {@code timeMillis}: its newest
   * sample in {@code (timeMillis − lookbackMillis, timeMillis]}, unless that sample is a stale
   * marker.
   */
  public List<Sample> instantVector(
      String metricName, Predicate<Labels> matches, long timeMillis, long lookbackMillis) {
    List<Sample> vector = new ArrayList<>();
    for (Map.Entry<Labels, SampleBuffer> series : family(metricName).entrySet()) {
      if (!matches.test(series.getKey())) {
        continue;
      }
      SampleBuffer buffer = series.getValue();
      int i = buffer.indexAtOrBefore(timeMillis);
      if (i >= 0 && buffer.time(i) > timeMillis - lookbackMillis && !buffer.isStale(i)) {
        vector.add(new Sample(series.getKey(), buffer.value(i)));
      }
    }
    return vector;
  }

  /**
   * The samples of each matching series of {@code metricName} in {@code (timeMillis − rangeMillis,
   * timeMillis]}, stale markers left out; series without any are left out.
   */
  public List<RangeSeries> rangeVector(
      String metricName, Predicate<Labels> matches, long timeMillis, long rangeMillis) {
    List<RangeSeries> matrix = new ArrayList<>();
    for (Map.Entry<Labels, SampleBuffer> series : family(metricName).entrySet()) {
      if (!matches.test(series.getKey())) {
        continue;
      }
      SampleBuffer buffer = series.getValue();
      int last = buffer.indexAtOrBefore(timeMillis);
      int first = buffer.indexAtOrBefore(timeMillis - rangeMillis) + 1;
      int count = 0;
      for (int i = first; i <= last; i++) {
        count += buffer.isStale(i) ? 0 : 1;
      }
      if (count == 0) {
        continue;
      }
      long[] times = new long[count];
      double[] values = new double[count];
      int j = 0;
      for (int i = first; i <= last; i++) {
        if (!buffer.isStale(i)) {
          times[j] = buffer.time(i);
          values[j] = buffer.value(i);
          j++;
        }
      }
      matrix.add(new RangeSeries(series.getKey(), times, values));
    }
    return matrix;
  }

  private Map<Labels, SampleBuffer> family(String metricName) {
    return seriesByName.getOrDefault(metricName, Map.of());
  }
}
