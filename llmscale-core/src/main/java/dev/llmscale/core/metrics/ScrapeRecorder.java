package dev.llmscale.core.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes scrapes into a {@link SeriesStore} the way Prometheus's scrape loop does:
 *
 * <ul>
 *   <li>every series gets the target's labels (such as {@code instance}); a scraped label of the
 *       same name is kept as {@code exported_<name>} ({@code honor_labels: false});
 *   <li>a series the previous scrape of the target had and this one lacks gets a stale marker, and
 *       a failed scrape marks all of the target's series stale, so instant reads stop finding them
 *       at once instead of five minutes later;
 *   <li>{@code up} with the target's labels is 1 after a successful scrape and 0 after a failed
 *       one;
 *   <li>a series repeated within one scrape keeps its first value.
 * </ul>
 */
public final class ScrapeRecorder {
  /** The series that says whether the last scrape of a target succeeded. */
  public static final String UP = "up";

  private final SeriesStore store;
  private final Map<Labels, Set<Labels>> seriesOfTarget = new HashMap<>();

  public ScrapeRecorder(SeriesStore store) {
    this.store = store;
  }

  /** Records the samples one scrape of {@code target} returned at {@code timestampMillis}. */
  public void recordSuccess(Labels target, List<Sample> samples, long timestampMillis) {
    Set<Labels> current = new HashSet<>();
    for (Sample sample : samples) {
      Labels series = withTargetLabels(sample.labels(), target);
      if (current.add(series)) {
        store.append(series, timestampMillis, sample.value());
      }
    }
    Set<Labels> previous = seriesOfTarget.put(target, current);
    if (previous != null) {
      for (Labels gone : previous) {
        if (!current.contains(gone)) {
          store.appendStaleMarker(gone, timestampMillis);
        }
      }
    }
    store.append(up(target), timestampMillis, 1);
  }

  /** Records that scraping {@code target} failed at {@code timestampMillis}. */
  public void recordFailure(Labels target, long timestampMillis) {
    Set<Labels> previous = seriesOfTarget.remove(target);
    if (previous != null) {
      for (Labels gone : previous) {
        store.appendStaleMarker(gone, timestampMillis);
      }
    }
    store.append(up(target), timestampMillis, 0);
  }

  private static Labels up(Labels target) {
    return target.with(Labels.METRIC_NAME, UP);
  }

  private static Labels withTargetLabels(Labels scraped, Labels target) {
    Labels.Builder series = scraped.toBuilder();
    for (int i = 0; i < target.size(); i++) {
      String name = target.name(i);
      String clashing = scraped.get(name);
      if (!clashing.isEmpty()) {
        String exported = "exported_" + name;
        while (series.has(exported)) {
          exported = "exported_" + exported;
        }
        series.set(exported, clashing);
      }
      series.set(name, target.value(i));
    }
    return series.build();
  }
}
