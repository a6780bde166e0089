package dev.llmscale.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.perf.StepShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineSchedulerTest {
  private static final long MS = 1_000_000L;

  private static EngineConfig config(int maxSeqs, int budget, int kvBlocks) {
    return new EngineConfig(
        maxSeqs, budget, 16, Math.min(4096, kvBlocks * 16), kvBlocks, true, true, 0);
  }

  @Test
  void runsAtMostMaxNumSeqsAndQueuesTheRest() {
    EngineDriver engine = new EngineDriver(config(2, 8192, 1000));
    engine.add("a", 10, 5);
    engine.add("b", 10, 5);
    engine.add("c", 10, 5);

    engine.step();

    assertThat(engine.lastStep().size()).isEqualTo(2);
    assertThat(engine.scheduler.snapshot().running()).isEqualTo(2);
    assertThat(engine.scheduler.snapshot().waiting()).isEqualTo(1);
    engine.runUntilIdle(100);
    assertThat(engine.finished).containsKeys("a", "b", "c");
    assertThat(engine.finished.get("c").firstScheduledNanos())
        .isEqualTo(engine.finished.get("a").finishNanos());
  }

  @Test
  void everyRequestGetsExactlyMaxTokensInOrderAndTtftIsItsFirstStep() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    engine.add("a", 100, 4);

    engine.runUntilIdle(10);

    assertThat(engine.tokens.get("a")).extracting(TokenEvent::index).containsExactly(0, 1, 2, 3);
    assertThat(engine.tokens.get("a"))
        .extracting(TokenEvent::timeNanos)
        .containsExactly(10 * MS, 20 * MS, 30 * MS, 40 * MS);
    FinishedRequest done = engine.finished.get("a");
    assertThat(done.ttftSeconds()).isEqualTo(0.010);
    assertThat(done.meanItlSeconds()).isEqualTo(0.010);
    assertThat(done.reason()).isEqualTo(FinishReason.LENGTH);
    assertThat(engine.tokens.get("a").get(3).last()).isTrue();
  }

  @ParameterizedTest(name = "prompt {0}, budget {1} -> first token after {2} steps")
  @CsvSource({
    "100, 8192, 1",
    "100, 100, 1",
    "250, 100, 3",
    "256, 64, 4",
    "257, 64, 5",
  })
  void chunkedPrefillSplitsLongPromptsWithinTheTokenBudget(int prompt, int budget, int steps) {
    EngineDriver engine = new EngineDriver(config(8, budget, 1000));
    engine.add("a", prompt, 2);

    for (int i = 1; i < steps; i++) {
      engine.step();
      assertThat(engine.lastStep().shape().prefillTokens()).isEqualTo(budget);
      assertThat(engine.tokenCount("a")).as("tokens after step %d", i).isZero();
    }
    engine.step();

    assertThat(engine.tokenCount("a")).isEqualTo(1);
    assertThat(engine.scheduler.snapshot().running()).isEqualTo(1);
    engine.runUntilIdle(10);
    assertThat(engine.tokenCount("a")).isEqualTo(2);
  }

  @Test
  void decodesOfRunningRequestsGoFirstAndNewPromptsFillTheRemainingBudget() {
    EngineDriver engine = new EngineDriver(config(8, 100, 1000));
    engine.add("a", 80, 10);
    engine.step(); // a: whole prompt
    engine.add("b", 150, 10);

    engine.step();

    StepShape shape = engine.lastStep().shape();
    assertThat(shape.decodeSequences()).isEqualTo(1);
    assertThat(shape.contextTokens()).isEqualTo(81);
    assertThat(shape.prefillTokens()).isEqualTo(99);
    assertThat(shape.prefillAttention()).isEqualTo(99 * 99 / 2.0);
  }

  @Test
  void withoutChunkedPrefillAPromptWaitsForABudgetItFitsWhole() {
    EngineConfig config = new EngineConfig(8, 200, 16, 200, 1000, true, false, 0);
    EngineDriver engine = new EngineDriver(config);
    engine.add("a", 150, 5);
    engine.add("b", 100, 5);

    engine.step();

    assertThat(engine.lastStep().size()).isEqualTo(1);
    assertThat(engine.lastStep().shape().prefillTokens()).isEqualTo(150);
    engine.step();
    assertThat(engine.lastStep().shape().prefillTokens()).isEqualTo(100);
  }

  @Test
  void longPrefillThresholdCapsOneRequestsChunk() {
    EngineConfig config = config(8, 1000, 1000).withLongPrefillTokenThreshold(128);
    EngineDriver engine = new EngineDriver(config);
    engine.add("long", 1000, 2);
    engine.add("short", 50, 2);

    engine.step();

    assertThat(engine.lastStep().shape().prefillTokens()).isEqualTo(128 + 50);
  }

  @Test
  void secondRequestWithTheSamePrefixHitsTheCacheButRecomputesItsLastToken() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    long[] prefix = {11, 12, 13, 14};
    engine.add("a", 64, 2, prefix);
    engine.runUntilIdle(10);

    engine.add("b", 64, 2, prefix);
    engine.step();

    // 4 full blocks cached, but the last prompt token must be computed: 3 blocks hit.
    assertThat(engine.lastStep().shape().prefillTokens()).isEqualTo(16);
    assertThat(engine.lastStep().shape().prefillAttention()).isEqualTo(16 * (48 + 8.0));
    EngineCounters counters = engine.scheduler.counters();
    assertThat(counters.prefixCacheQueries()).isEqualTo(128);
    assertThat(counters.prefixCacheHits()).isEqualTo(48);
    engine.runUntilIdle(10);
    assertThat(engine.finished.get("b").cachedPromptTokens()).isEqualTo(48);
  }

  @Test
  void runningRequestsShareCachedBlocks() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    engine.add("a", 100, 50, 1, 2, 3, 4, 5, 6);
    engine.step();
    int usedByOne = engine.scheduler.snapshot().usedBlocks();

    engine.add("b", 100, 50, 1, 2, 3, 4, 5, 6);
    engine.step();

    // b shares a's 6 full prompt blocks and adds its own partial block.
    assertThat(engine.scheduler.snapshot().usedBlocks()).isEqualTo(usedByOne + 1);
  }

  @Test
  void freedPrefixesAreEvictedLeastRecentlyFreedFirst() {
    // 8 blocks: two finished 3-block prompts stay cached until new allocations need their blocks.
    EngineDriver engine = new EngineDriver(new EngineConfig(8, 8192, 16, 128, 8, true, true, 0));
    engine.add("old", 48, 1, 1, 2, 3);
    engine.runUntilIdle(5);
    engine.add("new", 48, 1, 7, 8, 9);
    engine.runUntilIdle(5);
    // Takes the 2 never-used blocks, then evicts the 3 least recently freed: all of "old".
    engine.add("filler", 80, 1);
    engine.runUntilIdle(5);
    long hitsBefore = engine.scheduler.counters().prefixCacheHits();

    engine.add("new-again", 48, 1, 7, 8, 9);
    engine.add("old-again", 48, 1, 1, 2, 3);
    engine.runUntilIdle(5);

    assertThat(engine.finished.get("new-again").cachedPromptTokens()).isEqualTo(32);
    assertThat(engine.finished.get("old-again").cachedPromptTokens()).isZero();
    assertThat(engine.scheduler.counters().prefixCacheHits()).isGreaterThan(hitsBefore);
  }

  @Test
  void prefixCachingOffNeverHits() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000).withPrefixCaching(false));
    engine.add("a", 64, 1, 1, 2, 3, 4);
    engine.runUntilIdle(5);
    engine.add("b", 64, 1, 1, 2, 3, 4);
    engine.runUntilIdle(5);

    assertThat(engine.finished.get("b").cachedPromptTokens()).isZero();
    assertThat(engine.scheduler.counters().prefixCacheQueries()).isZero();
  }

  @Test
  void runningOutOfBlocksPreemptsTheNewestRequestWhichRecomputesAndStillFinishes() {
    // 10 blocks of 16 tokens; two requests of 48-token prompts growing by 40 tokens each.
    EngineDriver engine = new EngineDriver(new EngineConfig(8, 8192, 16, 160, 10, true, true, 0));
    engine.add("first", 48, 40);
    engine.add("second", 48, 40);

    engine.runUntilIdle(500);

    assertThat(engine.scheduler.counters().preemptions()).isPositive();
    assertThat(engine.finished.get("second").preemptions()).isPositive();
    assertThat(engine.finished.get("first").preemptions()).isZero();
    for (String id : List.of("first", "second")) {
      assertThat(engine.tokens.get(id))
          .extracting(TokenEvent::index)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).boxed().toList());
    }
    assertThat(engine.scheduler.snapshot().usedBlocks()).isZero();
  }

  @Test
  void noNewRequestIsAdmittedInAStepThatPreempted() {
    EngineDriver engine = new EngineDriver(new EngineConfig(8, 8192, 16, 160, 10, true, true, 0));
    engine.add("first", 48, 40);
    engine.add("second", 48, 40);
    while (engine.scheduler.counters().preemptions() == 0) {
      engine.add("late-" + engine.steps.size(), 8, 1);
      engine.step();
    }
    // The step that preempted ran only requests that were already running.
    assertThat(engine.lastStep().shape().prefillTokens()).isZero();
  }

  @Test
  void cancellingAWaitingRequestRemovesItFromTheQueue() {
    EngineDriver engine = new EngineDriver(config(1, 8192, 1000));
    engine.add("a", 10, 3);
    engine.add("b", 10, 3);
    engine.step();

    assertThat(engine.scheduler.cancel("b", engine.now))
        .get()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(FinishReason.ABORT))
        .satisfies(r -> assertThat(r.firstTokenNanos()).isEqualTo(-1));

    assertThat(engine.scheduler.snapshot().waiting()).isZero();
    engine.runUntilIdle(10);
    assertThat(engine.tokens).doesNotContainKey("b");
    assertThat(engine.scheduler.counters().aborted()).isEqualTo(1);
  }

  @Test
  void cancellingARunningRequestFreesItsBlocksAtOnce() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    engine.add("a", 100, 100);
    engine.step();
    assertThat(engine.scheduler.snapshot().usedBlocks()).isEqualTo(7);

    engine.scheduler.cancel("a", engine.now);

    assertThat(engine.scheduler.snapshot())
        .satisfies(
            s -> {
              assertThat(s.usedBlocks()).isZero();
              assertThat(s.running()).isZero();
              assertThat(s.kvUsage()).isZero();
            });
    assertThat(engine.scheduler.hasWork()).isFalse();
    assertThat(engine.scheduler.cancel("a", engine.now)).isEmpty();
  }

  @Test
  void aRequestCancelledDuringItsStepGetsNoTokenFromIt() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    engine.add("a", 100, 10);
    engine.add("b", 100, 10);
    ScheduledStep step = engine.scheduler.schedule(0).orElseThrow();

    engine.scheduler.cancel("a", 5 * MS);
    StepOutcome outcome = engine.scheduler.complete(step);

    assertThat(outcome.tokens()).extracting(TokenEvent::requestId).containsExactly("b");
    engine.scheduler.verifyInvariants();
  }

  @Test
  void stepDurationComesFromThePerformanceModel() {
    EngineDriver engine =
        new EngineDriver(config(8, 8192, 1000), new LinearStepModel(0.002, 0.0001));
    engine.add("a", 500, 2);

    ScheduledStep step = engine.scheduler.schedule(7 * MS).orElseThrow();

    assertThat(step.startNanos()).isEqualTo(7 * MS);
    assertThat(step.endNanos()).isEqualTo(7 * MS + 52 * MS);
  }

  @Test
  void requestOverheadDelaysAdmissionAndCountsInTtft() {
    EngineDriver engine =
        new EngineDriver(config(8, 8192, 1000), new LinearStepModel(0.010, 0.0, 0.007));
    engine.add("a", 100, 2);

    assertThat(engine.scheduler.schedule(0)).isEmpty();
    assertThat(engine.scheduler.nextWorkNanos(0)).isEqualTo(7 * MS);
    engine.runUntilIdle(10);

    assertThat(engine.finished.get("a").ttftSeconds()).isCloseTo(0.017, within(1e-9));
    assertThat(engine.finished.get("a").queueSeconds()).isCloseTo(0.007, within(1e-9));
    assertThat(engine.scheduler.nextWorkNanos(engine.now)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void countersFollowVllmMeaning() {
    EngineDriver engine = new EngineDriver(config(8, 8192, 1000));
    engine.add("a", 30, 3);
    engine.add("b", 20, 2);
    engine.scheduler.add(new EngineRequest("c", 10, null, 1, 0, true));

    engine.runUntilIdle(10);

    EngineCounters counters = engine.scheduler.counters();
    assertThat(counters.promptTokens()).isEqualTo(60);
    assertThat(counters.generationTokens()).isEqualTo(6);
    assertThat(counters.finishedLength()).isEqualTo(2);
    assertThat(counters.finishedStop()).isEqualTo(1);
    assertThat(counters.steps()).isEqualTo(3);
    assertThat(engine.finished.get("c").reason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void rejectsRequestsBeyondMaxModelLenAndDuplicateIds() {
    EngineScheduler scheduler = new EngineScheduler(config(8, 8192, 1000), LinearStepModel.TEN_MS);
    scheduler.add(EngineRequest.uncached("a", 10, 10, 0));

    assertThatThrownBy(() -> scheduler.add(EngineRequest.uncached("big", 4000, 97, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4097 tokens")
        .hasMessageContaining("max_model_len is 4096");
    assertThatThrownBy(() -> scheduler.add(EngineRequest.uncached("a", 10, 10, 0)))
        .hasMessageContaining("already");
    assertThatThrownBy(() -> scheduler.add(new EngineRequest("h", 20, new long[] {1, 2}, 1, 0)))
        .hasMessageContaining("block hashes");
  }

  @Test
  void aStepMustBeCompletedBeforeTheNextIsScheduled() {
    EngineScheduler scheduler = new EngineScheduler(config(8, 8192, 1000), LinearStepModel.TEN_MS);
    scheduler.add(EngineRequest.uncached("a", 10, 10, 0));
    ScheduledStep step = scheduler.schedule(0).orElseThrow();

    assertThatThrownBy(() -> scheduler.schedule(1)).isInstanceOf(IllegalStateException.class);
    scheduler.complete(step);
    assertThatThrownBy(() -> scheduler.complete(step)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void idleEngineSchedulesNothing() {
    EngineScheduler scheduler = new EngineScheduler(config(8, 8192, 1000), LinearStepModel.TEN_MS);
    assertThat(scheduler.schedule(0)).isEmpty();
    assertThat(scheduler.hasWork()).isFalse();
  }

  @Test
  void configRejectsAContextTheCacheCannotHold() {
    assertThatThrownBy(() -> new EngineConfig(8, 8192, 16, 4096, 100, true, true, 0))
        .hasMessageContaining("max_model_len (4096) is larger than the KV cache can hold (1600");
  }
}
