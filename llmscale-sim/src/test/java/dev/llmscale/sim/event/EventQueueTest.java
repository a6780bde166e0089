package dev.llmscale.sim.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  @Test
  void handsOutEventsInTimeOrderAndEqualTimesTogetherInSchedulingOrder() {
    EventQueue<String> queue = new EventQueue<>();
    queue.schedule(30, "c");
    queue.schedule(10, "a1");
    queue.schedule(20, "b");
    queue.schedule(10, "a2");
    queue.schedule(10, "a3");

    assertThat(queue.nextBatch()).containsExactly("a1", "a2", "a3");
    assertThat(queue.now()).isEqualTo(10);
    assertThat(queue.nextBatch()).containsExactly("b");
    assertThat(queue.nextBatch()).containsExactly("c");
    assertThat(queue.now()).isEqualTo(30);
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.nextTimeNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void anEventScheduledAtTheCurrentTimeComesInTheNextBatchAtThatTime() {
    EventQueue<String> queue = new EventQueue<>();
    queue.schedule(5, "first");
    assertThat(queue.nextBatch()).containsExactly("first");
    queue.schedule(5, "consequence");
    queue.schedule(6, "later");

    assertThat(queue.nextBatch()).containsExactly("consequence");
    assertThat(queue.now()).isEqualTo(5);
  }

  @Test
  void refusesAnEventInThePast() {
    EventQueue<String> queue = new EventQueue<>();
    queue.schedule(100, "x");
    queue.nextBatch();

    assertThatThrownBy(() -> queue.schedule(99, "late"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event late at 99 ns is before the clock (100 ns)");
  }

  @Test
  void refusesToHandOutFromAnEmptyQueue() {
    assertThatThrownBy(() -> new EventQueue<String>().nextBatch())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsTheOrderOfManyInterleavedEventsAsASortByTimeThenSequence() {
    EventQueue<long[]> queue = new EventQueue<>();
    SplittableRandom random = new SplittableRandom(7);
    List<long[]> expected = new ArrayList<>();
    List<long[]> seen = new ArrayList<>();
    long seq = 0;
    for (int round = 0; round < 2_000; round++) {
      int adds = random.nextInt(4);
      for (int i = 0; i < adds; i++) {
        long[] event = {queue.now() + random.nextInt(50), seq++};
        queue.schedule(event[0], event);
        expected.add(event);
      }
      if (!queue.isEmpty()) {
        seen.addAll(queue.nextBatch());
      }
    }
    while (!queue.isEmpty()) {
      seen.addAll(queue.nextBatch());
    }

    assertThat(seen).hasSameSizeAs(expected);
    for (int i = 1; i < seen.size(); i++) {
      long[] a = seen.get(i - 1);
      long[] b = seen.get(i);
      assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]))
          .as("event %d (t=%d, seq=%d) after (t=%d, seq=%d)", i, b[0], b[1], a[0], a[1])
          .isTrue();
    }
  }

  @Test
  void randomStreamsDependOnlyOnSeedAndName() {
    RandomStreams one = new RandomStreams(42);
    RandomStreams two = new RandomStreams(42);
    two.stream("other").nextLong(); // draws elsewhere do not shift a stream

    assertThat(one.stream("arrivals").nextLong()).isEqualTo(two.stream("arrivals").nextLong());
    assertThat(one.stream("arrivals").nextLong()).isNotEqualTo(one.stream("shapes").nextLong());
    assertThat(new RandomStreams(43).stream("arrivals").nextLong())
        .isNotEqualTo(one.stream("arrivals").nextLong());
  }
}
