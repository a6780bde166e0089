package dev.llmscale.sim;

import dev.llmscale.sim.report.RunResult;
import java.util.function.IntFunction;

/**
 * The least fixed fleet that meets the SLO on the scenario's requests, found with hindsight: the
 * whole scenario replayed with the fleet pinned at {@code n} replicas and no autoscaler, {@code n}
 * searched for. Online learning's yardstick, the best fixed choice in hindsight, beside the
 * oracle's best plan in hindsight: a policy that costs more than it on a trace would have done
 * better not scaling at all, had the right size been known.
 *
 * <p>It starts from a guess (the oracle's peak, say), doubles while the SLO is missed, then
 * bisects: about {@code 2 log2 n} replays. What it finds meets the SLO and, unless it is a single
 * replica, one replica fewer was seen to miss it; that this is the least such fleet assumes more
 * replicas never turn a met SLO into a missed one, which holds here up to the noise of a seed
 * (routing changes with the count).
 */
public final class BestStaticFleet {

  /** The label of the run it reports. */
  public static final String LABEL = "best-static";

  private BestStaticFleet() {}

  /** Reports each replay tried, before it runs. */
  @FunctionalInterface
  public interface Trials {
    Trials NONE = replicas -> {};

    void trying(int replicas);
  }

  /**
   * The run of the least fleet that meets the SLO, or of {@code maxReplicas} when none does (its
   * summary then says the SLO was missed), labelled {@link #LABEL}. Its wall time and events are
   * that replay's own, so its speed reads like any run's; the search made several.
   *
   * @param replay runs the scenario with the fleet pinned at the given replicas
   * @param guess where the search starts (clamped to 1..maxReplicas)
   */
  public static RunResult search(
      IntFunction<RunResult> replay, int guess, int maxReplicas, Trials trials) {
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("a fleet needs room for a replica: " + maxReplicas);
    }
    int fails = 0; // the largest count seen to miss (0: none seen; no replicas serve nothing)
    int meets = -1;
    RunResult best = null;
    int next = Math.max(1, Math.min(guess, maxReplicas));
    while (meets < 0) {
      trials.trying(next);
      RunResult run = replay.apply(next);
      if (run.summary().sloMet()) {
        meets = next;
        best = run;
      } else if (next == maxReplicas) {
        return labelled(run);
      } else {
        fails = next;
        next = Math.min(maxReplicas, 2 * next);
      }
    }
    while (meets - fails > 1) {
      int mid = (meets + fails) / 2;
      trials.trying(mid);
      RunResult run = replay.apply(mid);
      if (run.summary().sloMet()) {
        meets = mid;
        best = run;
      } else {
        fails = mid;
      }
    }
    return labelled(best);
  }

  private static RunResult labelled(RunResult run) {
    return new RunResult(
        run.scenario(),
        LABEL,
        run.seed(),
        run.durationSeconds(),
        run.slo(),
        run.summary(),
        run.series(),
        run.actions(),
        run.wallSeconds(),
        run.events());
  }
}
