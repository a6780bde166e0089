package dev.llmscale.sim.fleet;

import java.util.random.RandomGenerator;

/**
 * How long a lifecycle phase takes (node provisioning, image pull, model load): a distribution the
 * simulator draws from once per occurrence.
 */
public sealed interface Delay permits FixedDelay, UniformDelay, NormalDelay, LogNormalDelay {

  /** One draw, in nanoseconds, {@code >= 0}. */
  long sampleNanos(RandomGenerator random);

  /** The mean in nanoseconds, for the planner's lead-time prior and for reports. */
  long meanNanos();

  /**
   * The least any draw can be, in nanoseconds: the part of the delay no fleet escapes whatever the
   * dice say. The oracle's lower bound charges only this much.
   */
  long minNanos();

  /** One line for reports, e.g. {@code uniform 60-120 s}. */
  String describe();
}
