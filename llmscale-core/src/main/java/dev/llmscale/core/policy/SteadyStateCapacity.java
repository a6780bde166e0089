package dev.llmscale.core.policy;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A replica's capacity from the performance model by a steady-state queueing estimate: fast (no
 * simulation), deterministic, and conservative at the tail. Each role is modelled at arrival rate
 * {@code λ} with mean prompt {@code I} and output {@code O}:
 *
 * <ol>
 *   <li><b>Mean step.</b> {@code B = λ·(O−1)·T} sequences decode at once (Little's law) with mean
 *       context {@code I + O/2}; {@code k ~ Poisson(λ·T)} prompts join each step. The mean step
 *       {@code T} is the fixed point of {@code T = E_k[step(prefill = k·I tokens, decode = B)]}:
 *       prompts come in lumps, which cost more than their average spread over steps. Prefill
 *       replicas have {@code B = 0}, decode replicas no prompts. No fixed point, {@code B} above
 *       {@code max_num_seqs}, or more work per step than {@code max_num_batched_tokens} means the
 *       replica cannot keep up.
 *   <li><b>Tails.</b> At quantile {@code q}: sequences decoding at once are Poisson with mean
 *       {@code B} (an M/G/∞ system), {@code B_q} at the quantile; a step carries {@code k_q(λ·T)}
 *       prompts. Tail ITL is the longer of a decode step of {@code B_q} and a step carrying {@code
 *       k_q} prompts. Tail TTFT is the request overhead, plus the wait for a free sequence slot
 *       when {@code B_q > max_num_seqs} ({@code (B_q − max_num_seqs)/λ}), plus the step in
 *       progress, plus the steps computing its prompt with the {@code m_q} others that arrive while
 *       a prompt step runs ({@code m_q} is the quantile of {@code Poisson(λ·S)} where {@code S} is
 *       the length of that step, a fixed point).
 *   <li><b>Limits.</b> The KV of the running sequences must fit the cache.
 * </ol>
 *
 * The capacity is the largest {@code λ} whose tails meet the targets, found by bisection and cached
 * per role and mix (ISL and OSL rounded up to a 2 % grid). It ignores preemption, prefix caching
 * and the queueing that builds over several steps near saturation: {@link SimulatedCapacity}
 * measures those by running the engine scheduler.
 */
public final class SteadyStateCapacity implements CapacityModel {
  private static final double GRID = Math.log(1.02);
  private static final int CACHE_LIMIT = 4096;

  private final PerformanceModel model;
  private final EngineConfig engine;
  private final SloTargets targets;
  private final Map<String, Double> cache = new HashMap<>();

  public SteadyStateCapacity(PerformanceModel model, EngineConfig engine, SloTargets targets) {
    if (model == null || engine == null || targets == null) {
      throw new IllegalArgumentException("performance model, engine config and targets required");
    }
    this.model = model;
    this.engine = engine;
    this.targets = targets;
  }

  /**
   * The steady state of one replica at {@code rate} requests per second.
   *
   * @param rate the arrival rate
   * @param meanStepSeconds the mean step time, or infinity when the replica cannot keep up
   * @param ttftTailSeconds TTFT at the target quantile (NaN for decode replicas)
   * @param itlTailSeconds ITL at the target quantile (NaN for prefill replicas)
   * @param runningTail sequences running at once at the target quantile
   * @param limit why the state misses the targets, or null when it meets them
   */
  public record Estimate(
      double rate,
      double meanStepSeconds,
      double ttftTailSeconds,
      double itlTailSeconds,
      double runningTail,
      String limit) {

    public boolean meetsTargets() {
      return limit == null;
    }
  }

  @Override
  public double maxRatePerReplica(PoolRole role, LoadShape shape) {
    LoadShape rounded = roundUp(shape);
    String key = role + "/" + rounded.inputTokens() + "/" + rounded.outputTokens();
    Double cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    double rate = search(role, rounded);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, rate);
    return rate;
  }

  private double search(PoolRole role, LoadShape shape) {
    double lo = 1e-4;
    if (!at(role, shape, lo).meetsTargets()) {
      return 0;
    }
    double hi = 1;
    while (at(role, shape, hi).meetsTargets()) {
      lo = hi;
      hi *= 2;
      if (hi > 1e7) {
        return lo;
      }
    }
    for (int i = 0; i < 60 && hi - lo > 1e-4 * lo; i++) {
      double mid = (lo + hi) / 2;
      if (at(role, shape, mid).meetsTargets()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The steady state of {@code role} at {@code rate} requests per second per replica. */
  public Estimate at(PoolRole role, LoadShape shape, double rate) {
    double in = shape.inputTokens();
    double out = shape.outputTokens();
    double context = in + out / 2;
    int budget = engine.maxNumBatchedTokens();
    int maxSeqs = engine.maxNumSeqs();
    boolean prefills = role != PoolRole.DECODE;
    boolean decodes = role != PoolRole.PREFILL;
    double step = prefills ? step(in, in, 0, context) : step(0, in, 1, context);
    double batch = 0;
    for (int i = 0; i < 500; i++) {
      batch = decodes ? rate * (out - 1) * step : 0;
      if (batch > maxSeqs || (prefills ? rate * step * in : 0) + batch > budget || step > 60) {
        return new Estimate(
            rate,
            Double.POSITIVE_INFINITY,
            Double.NaN,
            Double.NaN,
            batch,
            batch > maxSeqs
                ? "saturated: max_num_seqs " + maxSeqs + " cannot hold the decoding sequences"
                : "saturated: more work per step than the engine computes");
      }
      double next =
          prefills ? meanStep(rate * step, in, batch, context) : step(0, in, batch, context);
      if (Math.abs(next - step) < 1e-9 * step) {
        step = next;
        break;
      }
      step = 0.5 * step + 0.5 * next;
    }
    double q = targets.quantile();
    int running = decodes ? poissonQuantile(batch, q) : 0;
    if (Math.min(running, maxSeqs) * context > engine.kvTokens()) {
      return new Estimate(rate, step, Double.NaN, Double.NaN, running, "KV cache full");
    }
    double decodeTail = decodes ? step(0, in, Math.min(running, maxSeqs), context) : 0;
    double ttft = Double.NaN;
    double itl = Double.NaN;
    if (prefills) {
      double available = Math.max(1, budget - batch);
      // prompts that arrive while a prompt-carrying step runs: a fixed point on that step's length
      double busy = step(Math.min(available, in), in, batch, context);
      int others = 0;
      for (int i = 0; i < 50; i++) {
        others = poissonQuantile(rate * busy, q);
        double next = step(Math.min(available, (others + 1) * in), in, batch, context);
        if (next == busy) {
          break;
        }
        busy = next;
      }
      double inProgress =
          others > 0 ? step(Math.min(available, others * in), in, batch, context) : decodeTail;
      // its own step: itself and the mean arrivals since the step in progress began (taking this
      // at its tail too would count one burst twice)
      double own = (Math.ceil(rate * busy) + 1) * in;
      double steps = Math.ceil(own / available);
      double full = step(Math.min(available, own), in, batch, context);
      // a slot frees as a sequence finishes (rate λ in steady state) when max_num_seqs is full
      double slotWait = Math.max(0, running - maxSeqs) / rate;
      ttft = model.requestOverheadSeconds() + slotWait + inProgress + steps * full;
      if (decodes) {
        int prompts = poissonQuantile(rate * step, q);
        itl = Math.max(decodeTail, step(Math.min(available, prompts * in), in, batch, context));
      }
    } else {
      itl = decodeTail;
    }
    String limit = null;
    if (ttft > targets.ttftSeconds()) {
      limit =
          String.format(
              Locale.ROOT,
              "%s TTFT %.3f s > %.3f s",
              targets.quantileName(),
              ttft,
              targets.ttftSeconds());
    } else if (itl > targets.itlSeconds()) {
      limit =
          String.format(
              Locale.ROOT,
              "%s ITL %.4f s > %.4f s",
              targets.quantileName(),
              itl,
              targets.itlSeconds());
    }
    return new Estimate(rate, step, ttft, itl, running, limit);
  }

  /**
   * The mean step when Poisson({@code meanPrompts}) prompts join each step beside the decode batch:
   * prompts come in lumps, and a lump costs more than its average spread over steps.
   */
  private double meanStep(double meanPrompts, double in, double batch, double context) {
    double available = Math.max(1, engine.maxNumBatchedTokens() - batch);
    double probability = Math.exp(-meanPrompts);
    double mean = 0;
    double mass = 0;
    for (int k = 0; k < 200 && mass < 1 - 1e-12; k++) {
      mean += probability * step(Math.min(available, k * in), in, batch, context);
      mass += probability;
      probability *= meanPrompts / (k + 1);
    }
    return mean / mass;
  }

  /**
   * One step computing {@code prefillTokens} prompt tokens (whole prompts of {@code promptTokens})
   * beside {@code batch} decoding sequences of mean context {@code context}; a fractional batch
   * interpolates between its neighbours.
   */
  private double step(double prefillTokens, double promptTokens, double batch, double context) {
    int below = (int) Math.floor(batch);
    double fraction = batch - below;
    double low = shapeSeconds(prefillTokens, promptTokens, below, context);
    if (fraction == 0) {
      return low;
    }
    return (1 - fraction) * low
        + fraction * shapeSeconds(prefillTokens, promptTokens, below + 1, context);
  }

  private double shapeSeconds(double prefillTokens, double promptTokens, int batch, double ctx) {
    int tokens = (int) Math.round(prefillTokens);
    if (tokens == 0 && batch == 0) {
      return 0;
    }
    double attention = tokens * promptTokens / 2.0;
    return model.stepSeconds(new StepShape(tokens, attention, batch, Math.round(batch * ctx)));
  }

  static LoadShape roundUp(LoadShape shape) {
    return roundUp(shape, GRID);
  }

  /** {@code shape} rounded up to a grid of {@code grid} in log space (log(1.02): 2 % steps). */
  static LoadShape roundUp(LoadShape shape, double grid) {
    return new LoadShape(gridUp(shape.inputTokens(), grid), gridUp(shape.outputTokens(), grid));
  }

  private static double gridUp(double value, double grid) {
    double rounded = Math.exp(Math.ceil(Math.log(value) / grid - 1e-9) * grid);
    return Math.max(1, Math.ceil(rounded));
  }

  /** The smallest k with P(Poisson(mean) <= k) >= q. */
  static int poissonQuantile(double mean, double q) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean > 400) {
      return (int) Math.ceil(mean + inverseNormal(q) * Math.sqrt(mean) + 0.5);
    }
    double term = Math.exp(-mean);
    double cdf = term;
    int k = 0;
    while (cdf < q && k < 100_000) {
      k++;
      term *= mean / k;
      cdf += term;
    }
    return k;
  }

  /** The standard normal quantile (Acklam's rational approximation, error < 1.2e-9). */
  static double inverseNormal(double p) {
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double x = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * x + c[1]) * x + c[2]) * x + c[3]) * x + c[4]) * x + c[5])
          / ((((d[0] * x + d[1]) * x + d[2]) * x + d[3]) * x + 1);
    }
    if (p > 1 - low) {
      double x = Math.sqrt(-2 * Math.log(1 - p));
      return -(((((c[0] * x + c[1]) * x + c[2]) * x + c[3]) * x + c[4]) * x + c[5])
          / ((((d[0] * x + d[1]) * x + d[2]) * x + d[3]) * x + 1);
    }
    double x = p - 0.5;
    double r = x * x;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * x
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "steady-state estimate on %s (max_num_seqs %d, max_num_batched_tokens %d) for %s",
        model.describe(),
        engine.maxNumSeqs(),
        engine.maxNumBatchedTokens(),
        targets);
  }
}
