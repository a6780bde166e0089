package dev.llmscale.sim.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulation's clock and its future: events ordered by time, and among equal times by the order
 * they were scheduled, so a run is a deterministic function of its inputs. {@link #nextBatch()}
 * hands out every event of the earliest time at once and moves the clock there; an event may never
 * be scheduled before the clock.
 *
 * <p>A binary heap over parallel arrays: a run schedules millions of engine steps, and boxing each
 * into a queue entry would cost more than the step itself.
 *
 * @param <E> the event type, typically a sealed interface dispatched by {@code switch}
 */
public final class EventQueue<E> {
  private long now;
  private long sequence;
  private int size;
  private long[] times = new long[64];
  private long[] order = new long[64];
  private Object[] events = new Object[64];

  /** The current virtual time in nanoseconds: the time of the last batch handed out. */
  public long now() {
    return now;
  }

  /**
   * Schedules {@code event} at {@code atNanos}; events at the current time are allowed and come in
   * a later batch than the one being processed.
   *
   * @throws IllegalArgumentException if {@code atNanos} is before {@link #now()}
   */
  public void schedule(long atNanos, E event) {
    if (atNanos < now) {
      throw new IllegalArgumentException(
          "event " + event + " at " + atNanos + " ns is before the clock (" + now + " ns)");
    }
    if (event == null) {
      throw new IllegalArgumentException("event must not be null");
    }
    if (size == times.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      order = Arrays.copyOf(order, capacity);
      events = Arrays.copyOf(events, capacity);
    }
    int i = size++;
    long seq = sequence++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(atNanos, seq, times[parent], order[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    times[i] = atNanos;
    order[i] = seq;
    events[i] = event;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The time of the earliest pending event, or {@link Long#MAX_VALUE} when there is none. */
  public long nextTimeNanos() {
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  /**
   * Removes every event scheduled at the earliest pending time, in scheduling order, and advances
   * the clock to that time.
   *
   * @throws IllegalStateException if no event is pending
   */
  public List<E> nextBatch() {
    if (size == 0) {
      throw new IllegalStateException("no event is pending");
    }
    long time = times[0];
    List<E> batch = new ArrayList<>(2);
    while (size > 0 && times[0] == time) {
      batch.add(poll());
    }
    now = time;
    return batch;
  }

  @SuppressWarnings("unchecked")
  private E poll() {
    E head = (E) events[0];
    int last = --size;
    long time = times[last];
    long seq = order[last];
    Object event = events[last];
    events[last] = null;
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(times[right], order[right], times[child], order[child])) {
        child = right;
      }
      if (!before(times[child], order[child], time, seq)) {
        break;
      }
      move(child, i);
      i = child;
    }
    if (size > 0) {
      times[i] = time;
      order[i] = seq;
      events[i] = event;
    }
    return head;
  }

  private void move(int from, int to) {
    times[to] = times[from];
    order[to] = order[from];
    events[to] = events[from];
  }

  private static boolean before(long time, long seq, long otherTime, long otherSeq) {
    return time < otherTime || (time == otherTime && seq < otherSeq);
  }
}
