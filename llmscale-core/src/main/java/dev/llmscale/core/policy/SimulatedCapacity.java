package dev.llmscale.core.policy;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.engine.EngineRequest;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.FinishedRequest;
import dev.llmscale.core.engine.ScheduledStep;
import dev.llmscale.core.engine.StepOutcome;
import dev.llmscale.core.engine.TokenEvent;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.workload.NearestRank;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A replica's capacity measured by running the engine scheduler itself in virtual time: the "one
 * engine model" the emulator serves with and the simulator simulates with. For a mix it replays a
 * Poisson stream of requests (no shared prefixes) at a trial rate, measures tail TTFT over requests
 * and tail ITL over every inter-token gap, and bisects on the rate. The requests are all the mean
 * request (mean ISL and OSL), or, given a {@link LengthMix}, drawn from the observed lengths scaled
 * to the forecast means: tail TTFT is set by the long prompts, which the mean request does not
 * have. The same random stream is reused at every trial rate (common random numbers), so the search
 * is monotone and deterministic for a seed; results are cached per role and mix (2 % grid; 5 % with
 * a length mix).
 *
 * <p>Decode pools are estimated by {@link SteadyStateCapacity}, whose decode-only model is exact up
 * to the batch fluctuation it already accounts for; the scheduler has no way to start a request
 * with its prompt already computed.
 */
public final class SimulatedCapacity implements CapacityModel {
  private static final double MIX_GRID = Math.log(1.05);
  private static final long NO_TOKEN = Long.MIN_VALUE;
  private final PerformanceModel model;
  private final EngineConfig engine;
  private final SloTargets targets;
  private final int requests;
  private final long seed;
  private final SteadyStateCapacity analytic;
  private final LengthMix mix; // null: every request is the mean request
  private final double ttftQuantile; // the SLO's, or a laxer one an error budget allows
  private final Map<String, Double> cache = new HashMap<>();
  private final Map<Double, SimulatedCapacity> laxer = new HashMap<>();
  private final SimulatedCapacity stricter; // the model at the SLO's quantile, for a laxer one

  /**
   * @param requests requests per trial (>= 50); the first tenth warms the engine up unmeasured
   * @param seed the arrival stream's seed
   */
  public SimulatedCapacity(
      PerformanceModel model, EngineConfig engine, SloTargets targets, int requests, long seed) {
    this(model, engine, targets, requests, seed, null);
  }

  /**
   * @param requests requests per trial (>= 50); the first tenth warms the engine up unmeasured
   * @param seed the arrival stream's seed
   * @param mix the observed lengths trial requests are drawn from, or null for the mean request
   */
  public SimulatedCapacity(
      PerformanceModel model,
      EngineConfig engine,
      SloTargets targets,
      int requests,
      long seed,
      LengthMix mix) {
    this(model, engine, targets, requests, seed, mix, targets.quantile(), null);
  }

  private SimulatedCapacity(
      PerformanceModel model,
      EngineConfig engine,
      SloTargets targets,
      int requests,
      long seed,
      LengthMix mix,
      double ttftQuantile,
      SimulatedCapacity stricter) {
    if (requests < 50) {
      throw new IllegalArgumentException("capacity.requests must be >= 50: " + requests);
    }
    this.model = model;
    this.engine = engine;
    this.targets = targets;
    this.requests = requests;
    this.seed = seed;
    this.analytic = new SteadyStateCapacity(model, engine, targets);
    this.mix = mix;
    this.ttftQuantile = ttftQuantile;
    this.stricter = stricter;
  }

  /**
   * The same trials judged with TTFT at {@code quantile}; ITL stays at the SLO's quantile. Each
   * quantile keeps its own cache, so asking again costs nothing.
   */
  @Override
  public CapacityModel withTtftQuantile(double quantile) {
    if (!(quantile >= 0.5) || quantile >= ttftQuantile) {
      return this;
    }
    return laxer.computeIfAbsent(
        quantile, q -> new SimulatedCapacity(model, engine, targets, requests, seed, mix, q, this));
  }

  /**
   * What one trial measured.
   *
   * @param rate the arrival rate tried
   * @param ttftTailSeconds TTFT at the target quantile over the measured requests
   * @param itlTailSeconds ITL at the target quantile over their token gaps (NaN for prefill)
   * @param saturated the queue kept growing: the trial stopped early
   */
  public record Trial(
      double rate, double ttftTailSeconds, double itlTailSeconds, boolean saturated) {}

  @Override
  public double maxRatePerReplica(PoolRole role, LoadShape shape) {
    if (role == PoolRole.DECODE) {
      return analytic.maxRatePerReplica(role, shape);
    }
    // a mix's trials are longer (its tail needs more requests): a coarser grid, rounded up
    LoadShape rounded =
        mix == null
            ? SteadyStateCapacity.roundUp(shape)
            : SteadyStateCapacity.roundUp(shape, MIX_GRID);
    return cached(role, rounded);
  }

  private double cached(PoolRole role, LoadShape rounded) {
    String key = role + "/" + rounded.inputTokens() + "/" + rounded.outputTokens();
    Double cached = cache.get(key);
    if (cached == null) {
      cached = stricter == null ? search(role, rounded) : searchAbove(role, rounded);
      cache.put(key, cached);
    }
    return cached;
  }

  /**
   * A laxer quantile's search, from the stricter one's result up: the same trial at the same rate
   * (common random numbers) read at a lower quantile has a shorter tail, so what the stricter
   * quantile carries this one carries too. Bisecting from {@code [c, 1.25 c]} reaches the precision
   * of {@link #search} (a width of a 1,024th of the rate) in 8 trials instead of 10 or more.
   */
  private double searchAbove(PoolRole role, LoadShape shape) {
    double lo = stricter.cached(role, shape);
    if (!(lo > 0)) {
      return search(role, shape);
    }
    double hi = lo * 1.25;
    for (int i = 0; i < 8 && meets(measure(role, shape, hi)); i++) {
      lo = hi;
      hi *= 1.25;
    }
    return bisect(role, shape, lo, hi, 8);
  }

  /** Narrows {@code [lo, hi]}, {@code lo} meeting the targets and {@code hi} not, and gives lo. */
  private double bisect(PoolRole role, LoadShape shape, double lo, double hi, int steps) {
    for (int i = 0; i < steps; i++) {
      double mid = (lo + hi) / 2;
      if (meets(measure(role, shape, mid))) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private boolean meets(Trial trial) {
    return !trial.saturated
        && trial.ttftTailSeconds <= targets.ttftSeconds()
        && !(trial.itlTailSeconds > targets.itlSeconds());
  }

  private double search(PoolRole role, LoadShape shape) {
    double guess = analytic.maxRatePerReplica(role, shape);
    if (!(guess > 0)) {
      guess = 0.1;
    }
    double lo;
    double hi;
    if (meets(measure(role, shape, guess))) {
      lo = guess;
      hi = guess * 2;
      for (int i = 0; i < 8 && meets(measure(role, shape, hi)); i++) {
        lo = hi;
        hi *= 2;
      }
    } else {
      hi = guess;
      lo = guess / 2;
      int halvings = 0;
      while (!meets(measure(role, shape, lo))) {
        hi = lo;
        lo /= 2;
        if (++halvings > 10) {
          return 0;
        }
      }
    }
    return bisect(role, shape, lo, hi, 10);
  }

  /** Runs one trial of {@code role} at {@code rate} requests per second. */
  public Trial measure(PoolRole role, LoadShape shape, double rate) {
    int meanOut =
        role == PoolRole.PREFILL ? 1 : Math.max(1, (int) Math.round(shape.outputTokens()));
    int meanIn = Math.max(1, (int) Math.round(shape.inputTokens()));
    meanIn = Math.max(1, Math.min(meanIn, engine.maxModelLen() - meanOut));
    double inScale = mix == null ? 1 : shape.inputTokens() / mix.meanInput();
    double outScale = mix == null ? 1 : shape.outputTokens() / mix.meanOutput();
    EngineScheduler scheduler = new EngineScheduler(engine, model);
    SplittableRandom random = new SplittableRandom(seed);
    // lengths from a stream of their own: the arrival times are the same whatever the mix
    SplittableRandom lengths = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int warmup = requests / 10;
    long now = 0;
    double nextArrival = exponential(random, rate);
    int arrived = 0;
    int finished = 0;
    // per request by its index (the id is the index): primitive arrays, not maps of boxed values,
    // because a trial handles every token of a thousand requests and a search runs ten trials
    Tail ttfts = new Tail(requests);
    Tail gaps = new Tail(16 * requests);
    long[] lastToken = new long[requests];
    Arrays.fill(lastToken, NO_TOKEN);
    long patienceNanos = (long) (20 * targets.ttftSeconds() * 1e9) + 60_000_000_000L;
    long[] arrivalNanos = new long[requests];
    boolean[] started = new boolean[requests];
    int oldest = 0; // the first request without its first token
    while (finished < requests) {
      while (arrived < requests && nextArrival <= now / 1e9) {
        String id = Integer.toString(arrived);
        long at = (long) (nextArrival * 1e9);
        int in = meanIn;
        int out = meanOut;
        if (mix != null) {
          int drawn = lengths.nextInt(mix.size());
          out =
              role == PoolRole.PREFILL
                  ? 1
                  : Math.max(1, (int) Math.round(mix.output(drawn) * outScale));
          in = Math.max(1, (int) Math.round(mix.input(drawn) * inScale));
          in = Math.max(1, Math.min(in, engine.maxModelLen() - out));
        }
        scheduler.add(EngineRequest.uncached(id, in, out, at));
        arrivalNanos[arrived] = at;
        arrived++;
        nextArrival += exponential(random, rate);
      }
      if (scheduler.snapshot().waiting() > 4 * engine.maxNumSeqs()) {
        return new Trial(rate, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true);
      }
      while (oldest < arrived && started[oldest]) {
        oldest++;
      }
      if (oldest < arrived && now - arrivalNanos[oldest] > patienceNanos) {
        return new Trial(rate, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true);
      }
      Optional<ScheduledStep> step = scheduler.schedule(now);
      if (step.isEmpty()) {
        long wake = scheduler.nextWorkNanos(now);
        long arrival = arrived < requests ? (long) Math.ceil(nextArrival * 1e9) : Long.MAX_VALUE;
        long next = Math.min(wake == now ? Long.MAX_VALUE : wake, arrival);
        if (next == Long.MAX_VALUE) {
          break;
        }
        now = Math.max(now + 1, next);
        continue;
      }
      now = step.get().endNanos();
      StepOutcome outcome = scheduler.complete(step.get());
      for (TokenEvent token : outcome.tokens()) {
        int index = Integer.parseInt(token.requestId());
        long previous = lastToken[index];
        lastToken[index] = token.timeNanos();
        if (token.index() == 0) {
          started[index] = true;
        } else if (index >= warmup && previous != NO_TOKEN) {
          gaps.add((token.timeNanos() - previous) / 1e9);
        }
      }
      for (FinishedRequest done : outcome.finished()) {
        finished++;
        if (Integer.parseInt(done.id()) >= warmup) {
          ttfts.add(done.ttftSeconds());
        }
      }
    }
    return new Trial(
        rate,
        ttfts.quantile(ttftQuantile),
        role == PoolRole.PREFILL ? Double.NaN : gaps.quantile(targets.quantile()),
        false);
  }

  private static double exponential(SplittableRandom random, double rate) {
    return -Math.log(1 - random.nextDouble()) / rate;
  }

  /** Seconds measured in a trial, read at a quantile once it ends. */
  private static final class Tail {
    private double[] values;
    private int size;

    Tail(int expected) {
      values = new double[Math.max(16, expected)];
    }

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
      }
      values[size++] = value;
    }

    double quantile(double q) {
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return NearestRank.quantile(sorted, q);
    }
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "engine scheduler in virtual time (%d requests per trial%s) on %s for %s%s",
        requests,
        mix == null ? "" : ", lengths drawn from " + mix,
        model.describe(),
        targets,
        ttftQuantile < targets.quantile()
            ? String.format(Locale.ROOT, ", TTFT judged at q = %.3f", ttftQuantile)
            : "");
  }
}
