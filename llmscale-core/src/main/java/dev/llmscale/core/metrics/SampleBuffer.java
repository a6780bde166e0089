package dev.llmscale.core.metrics;

/**
 * The samples of one series in time order: a growable ring of timestamps, values and staleness
 * flags, dropped from the old end as they expire.
 */
final class SampleBuffer {
  private long[] times = new long[8];
  private double[] values = new double[8];
  private boolean[] stale = new boolean[8];
  private int head;
  private int size;

  /** False, and nothing stored, when {@code time} is not after the newest sample. */
  boolean append(long time, double value, boolean staleMarker) {
    if (size > 0 && time <= time(size - 1)) {
      return false;
    }
    if (size == times.length) {
      grow();
    }
    int slot = physical(size);
    times[slot] = time;
    values[slot] = value;
    stale[slot] = staleMarker;
    size++;
    return true;
  }

  /** Drops the samples older than {@code minTime}. */
  void dropBefore(long minTime) {
    while (size > 0 && times[head] < minTime) {
      head = (head + 1) % times.length;
      size--;
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[physical(i)];
  }

  double value(int i) {
    return values[physical(i)];
  }

  boolean isStale(int i) {
    return stale[physical(i)];
  }

  /** Index of the newest sample at or before {@code time}, or -1. */
  int indexAtOrBefore(long time) {
    int low = 0;
    int high = size - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (time(mid) <= time) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  private int physical(int i) {
    return (head + i) % times.length;
  }

  private void grow() {
    int capacity = times.length * 2;
    long[] newTimes = new long[capacity];
    double[] newValues = new double[capacity];
    boolean[] newStale = new boolean[capacity];
    for (int i = 0; i < size; i++) {
      newTimes[i] = time(i);
      newValues[i] = value(i);
      newStale[i] = isStale(i);
    }
    times = newTimes;
    values = newValues;
    stale = newStale;
    head = 0;
  }
}
