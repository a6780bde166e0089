package dev.llmscale.autoscaler;

/** Where each tick's record goes: one structured line per service decision. */
@FunctionalInterface
public interface DecisionLog {
  void record(TickRecord tick);
}
