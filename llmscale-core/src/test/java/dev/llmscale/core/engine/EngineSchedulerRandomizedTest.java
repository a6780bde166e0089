package dev.llmscale.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random workloads on small caches, with shared prefixes, arrivals between steps and random
 * cancellations: KV accounting must hold after every step, and every request must end exactly once
 * with all its tokens, in order.
 */
class EngineSchedulerRandomizedTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void kvAccountingHoldsAndEveryRequestEndsExactlyOnce(long seed) {
    Random random = new Random(seed);
    int kvBlocks = 20 + random.nextInt(60);
    int budget = 32 + random.nextInt(512);
    EngineConfig config =
        new EngineConfig(
            1 + random.nextInt(12),
            budget,
            16,
            320,
            kvBlocks,
            random.nextBoolean(),
            true,
            random.nextInt(3) == 0 ? 48 : 0);
    EngineDriver engine = new EngineDriver(config, new LinearStepModel(0.001, 0.00001));
    List<String> ids = new ArrayList<>();
    Set<String> cancelled = new HashSet<>();
    int added = 0;

    for (int round = 0; round < 200_000 && (added < 150 || engine.scheduler.hasWork()); round++) {
      if (added < 150 && random.nextInt(3) == 0) {
        String id = "r" + added++;
        int prompt = 1 + random.nextInt(200);
        int output = 1 + random.nextInt(Math.min(100, 320 - prompt));
        long[] hashes = new long[random.nextInt(prompt / 16 + 1)];
        long family = random.nextInt(4);
        for (int b = 0; b < hashes.length; b++) {
          hashes[b] = family * 1000 + b; // four prompt families with shared prefixes
        }
        engine.add(id, prompt, output, hashes);
        ids.add(id);
      }
      if (!ids.isEmpty() && random.nextInt(25) == 0) {
        String victim = ids.get(random.nextInt(ids.size()));
        if (engine.scheduler.cancel(victim, engine.now).isPresent()) {
          cancelled.add(victim);
          engine.scheduler.verifyInvariants();
        }
      }
      engine.step();
      EngineSnapshot snapshot = engine.scheduler.snapshot();
      assertThat(snapshot.usedBlocks()).isBetween(0, kvBlocks);
      assertThat(snapshot.kvUsage()).isBetween(0.0, 1.0);
      assertThat(snapshot.running()).isLessThanOrEqualTo(config.maxNumSeqs());
      assertThat(snapshot.waiting()).isNotNegative();
    }

    assertThat(engine.scheduler.hasWork()).isFalse();
    assertThat(engine.scheduler.snapshot().usedBlocks()).isZero();
    for (String id : ids) {
      if (cancelled.contains(id)) {
        assertThat(engine.finished).doesNotContainKey(id);
        continue;
      }
      FinishedRequest done = engine.finished.get(id);
      assertThat(done).as("request %s finished", id).isNotNull();
      assertThat(engine.tokens.get(id))
          .extracting(TokenEvent::index)
          .as("tokens of %s", id)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, done.outputTokens()).boxed().toList());
      assertThat(done.firstTokenNanos()).isGreaterThanOrEqualTo(done.firstScheduledNanos());
    }
    EngineCounters counters = engine.scheduler.counters();
    assertThat(counters.prefixCacheHits()).isLessThanOrEqualTo(counters.prefixCacheQueries());
    assertThat(counters.finishedLength() + counters.aborted()).isEqualTo(ids.size());
  }
}
