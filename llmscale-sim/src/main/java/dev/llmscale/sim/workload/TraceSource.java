package dev.llmscale.sim.workload;

import dev.llmscale.core.workload.ArrivalProcess;
import dev.llmscale.core.workload.Trace;
import dev.llmscale.sim.event.RandomStreams;
import java.util.Locale;

/**
 * A replayed production trace: its arrival times (through the core {@link Trace}'s arrivals) and
 * its request shapes and prefix block ids (through its workload), prepared by {@link TraceReplay}.
 * The trace is parsed once; each run replays it from the start.
 *
 * @param trace the parsed trace, whole
 * @param startNanos the window's start in the trace
 * @param lengthNanos the window's length ({@code Long.MAX_VALUE}: to the end)
 * @param timeScale factor on arrival times (0.5: twice as fast)
 * @param rateScale factor on the volume at the same time axis
 * @param copySpreadNanos the window around its original a copy arrives in (rate scale above 1)
 */
public record TraceSource(
    Trace trace,
    long startNanos,
    long lengthNanos,
    double timeScale,
    double rateScale,
    long copySpreadNanos)
    implements WorkloadSource {

  @Override
  public RequestStream open(RandomStreams random, long endNanos, int blockSize, int maxModelLen) {
    Trace replay =
        TraceReplay.prepare(
            trace,
            startNanos,
            lengthNanos,
            timeScale,
            rateScale,
            copySpreadNanos,
            random.stream("trace"));
    return new GeneratedRequests(
        new CutOff(replay.arrivals(1.0), endNanos), replay.workload(), blockSize, maxModelLen);
  }

  /** The span the replay covers, after windowing and time scaling. */
  public long replaySpanNanos() {
    long span = Math.min(trace.spanNanos() - startNanos, lengthNanos);
    return Math.round(Math.max(0, span) * timeScale);
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "trace %s (%d requests, %.0f s) from %.0f s, time x%.3g, rate x%.3g%s",
        trace.name(),
        trace.records().size(),
        trace.spanNanos() / 1e9,
        startNanos / 1e9,
        timeScale,
        rateScale,
        rateScale > 1 && copySpreadNanos != TraceReplay.COPY_SPREAD_NANOS
            ? String.format(Locale.ROOT, " (copies spread over %.0f s)", copySpreadNanos / 1e9)
            : "");
  }

  /** Ends an arrival process at a time. */
  private record CutOff(ArrivalProcess arrivals, long endNanos) implements ArrivalProcess {
    @Override
    public long nextArrivalNanos() {
      long next = arrivals.nextArrivalNanos();
      return next >= endNanos ? NONE : next;
    }
  }
}
