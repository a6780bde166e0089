package dev.llmscale.sim;

/** Where components put the events they cause: the simulation's {@code EventQueue}. */
@FunctionalInterface
public interface EventSink {

  /**
   * @throws IllegalArgumentException if {@code atNanos} is before the clock
   */
  void schedule(long atNanos, SimEvent event);
}
