package dev.llmscale.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a scheduler in virtual time for tests, collecting every step, token and finish. */
final class EngineDriver {
  final EngineScheduler scheduler;
  final List<ScheduledStep> steps = new ArrayList<>();
  final Map<String, List<TokenEvent>> tokens = new HashMap<>();
  final Map<String, FinishedRequest> finished = new HashMap<>();
  long now;

  EngineDriver(EngineConfig config) {
    this(config, LinearStepModel.TEN_MS);
  }

  EngineDriver(EngineConfig config, LinearStepModel model) {
    this.scheduler = new EngineScheduler(config, model);
  }

  void add(String id, int prompt, int maxTokens, long... hashes) {
    scheduler.add(new EngineRequest(id, prompt, hashes, maxTokens, now));
  }

  /** Schedules and completes one step; returns false if there was nothing to do. */
  boolean step() {
    Optional<ScheduledStep> step = scheduler.schedule(now);
    if (step.isEmpty()) {
      long wake = scheduler.nextWorkNanos(now);
      if (wake == Long.MAX_VALUE || wake == now) {
        return false;
      }
      now = wake; // sleep through the request overhead, as a live driver would
      step = scheduler.schedule(now);
      if (step.isEmpty()) {
        throw new AssertionError("no step at the announced work time " + wake);
      }
    }
    steps.add(step.get());
    scheduler.verifyInvariants();
    now = step.get().endNanos();
    StepOutcome outcome = scheduler.complete(step.get());
    for (TokenEvent token : outcome.tokens()) {
      tokens.computeIfAbsent(token.requestId(), id -> new ArrayList<>()).add(token);
    }
    for (FinishedRequest done : outcome.finished()) {
      finished.put(done.id(), done);
    }
    scheduler.verifyInvariants();
    return true;
  }

  void runUntilIdle(int maxSteps) {
    for (int i = 0; i < maxSteps && step(); i++) {}
    if (scheduler.hasWork()) {
      throw new AssertionError("engine still busy after " + maxSteps + " steps");
    }
  }

  ScheduledStep lastStep() {
    return steps.get(steps.size() - 1);
  }

  int tokenCount(String id) {
    return tokens.getOrDefault(id, List.of()).size();
  }
}
