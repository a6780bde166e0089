package dev.llmscale.sim.scenario;

import dev.llmscale.core.workload.SharedPrefixPool;
import dev.llmscale.core.workload.TokenDistribution;
import dev.llmscale.core.workload.Trace;
import dev.llmscale.core.workload.TraceFormat;
import dev.llmscale.core.workload.TraceFormatException;
import dev.llmscale.sim.workload.ConstantRate;
import dev.llmscale.sim.workload.DiurnalRate;
import dev.llmscale.sim.workload.RateProfile;
import dev.llmscale.sim.workload.StepRate;
import dev.llmscale.sim.workload.SyntheticSource;
import dev.llmscale.sim.workload.TraceReplay;
import dev.llmscale.sim.workload.TraceSource;
import dev.llmscale.sim.workload.WorkloadSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code workload}: generated requests (a rate profile, Poisson or evenly spaced arrivals,
 * token length distributions, shared prefixes) or a replayed {@code trace}.
 */
final class WorkloadSection {
  private WorkloadSection() {}

  /**
   * @param defaultDurationNanos the trace's replayed span, or -1 for generated load (whose duration
   *     the scenario must state)
   */
  record Result(WorkloadSource source, long defaultDurationNanos) {}

  static Result read(ScenarioNode root, Path baseDir, long durationHint) {
    ScenarioNode workload =
        root.field("workload")
            .requirePresent()
            .allowOnly("arrivals", "rate", "input", "output", "sharedPrefix", "trace");
    ScenarioNode trace = workload.field("trace");
    if (trace.isPresent()) {
      for (String synthetic : List.of("arrivals", "rate", "input", "output", "sharedPrefix")) {
        if (workload.has(synthetic)) {
          throw workload.field(synthetic).error("does not apply to a trace replay");
        }
      }
      TraceSource source = trace(trace, baseDir);
      return new Result(source, source.replaySpanNanos());
    }
    boolean poisson =
        workload.field("arrivals").choice("poisson", "poisson", "even").equals("poisson");
    RateProfile rate = rate(workload.field("rate").requirePresent(), durationHint);
    TokenDistribution input = tokens(workload.field("input").requirePresent());
    TokenDistribution output = tokens(workload.field("output").requirePresent());
    SharedPrefixPool prefix = null;
    ScenarioNode shared = workload.field("sharedPrefix").allowOnly("prompts", "tokens");
    if (shared.isPresent()) {
      try {
        prefix =
            new SharedPrefixPool(
                shared.field("prompts").integer(), shared.field("tokens").integer());
      } catch (IllegalArgumentException e) {
        throw shared.error(e);
      }
    }
    return new Result(new SyntheticSource(rate, poisson, input, output, prefix), -1);
  }

  private static TraceSource trace(ScenarioNode trace, Path baseDir) {
    trace.allowOnly("file", "format", "start", "length", "timeScale", "rateScale", "copySpread");
    ScenarioNode fileNode = trace.field("file");
    Path file = baseDir.resolve(fileNode.text()).normalize();
    if (!Files.isRegularFile(file)) {
      throw fileNode.error("no such file: " + file);
    }
    ScenarioNode formatNode = trace.field("format");
    TraceFormat format;
    try {
      format =
          formatNode.isPresent()
              ? TraceFormat.named(formatNode.text())
              : TraceFormat.ofFileName(file.getFileName().toString())
                  .orElseThrow(
                      () ->
                          formatNode.error(
                              "cannot tell the format from the file name; say azure or mooncake"));
    } catch (IllegalArgumentException e) {
      throw formatNode.error(e);
    }
    Trace parsed;
    try {
      parsed = Trace.load(file, format);
    } catch (TraceFormatException e) {
      throw fileNode.error(e.getMessage());
    }
    double timeScale = trace.field("timeScale").numberOr(1);
    double rateScale = trace.field("rateScale").numberOr(1);
    if (!(timeScale > 0)) {
      throw trace.field("timeScale").error("must be > 0: " + timeScale);
    }
    if (!(rateScale > 0)) {
      throw trace.field("rateScale").error("must be > 0: " + rateScale);
    }
    long copySpread = trace.field("copySpread").nanosOr(TraceReplay.COPY_SPREAD_NANOS);
    if (copySpread <= 0) {
      throw trace.field("copySpread").error("must be > 0");
    }
    return new TraceSource(
        parsed,
        trace.field("start").nanosOr(0),
        trace.field("length").nanosOr(Long.MAX_VALUE),
        timeScale,
        rateScale,
        copySpread);
  }

  private static RateProfile rate(ScenarioNode rate, long durationHint) {
    if (!rate.isMapping()) {
      try {
        return new ConstantRate(rate.number());
      } catch (IllegalArgumentException e) {
        throw rate.error(e);
      }
    }
    rate.allowOnly("steps", "diurnal", "bursts");
    try {
      if (rate.has("steps")) {
        List<StepRate.Step> steps = new ArrayList<>();
        for (ScenarioNode step : rate.field("steps").elements()) {
          step.allowOnly("at", "rate");
          try {
            steps.add(new StepRate.Step(step.field("at").nanos(), step.field("rate").number()));
          } catch (IllegalArgumentException e) {
            throw step.error(e);
          }
        }
        return new StepRate(steps);
      }
      if (rate.has("diurnal")) {
        ScenarioNode d = rate.field("diurnal").allowOnly("mean", "amplitude", "period", "peakAt");
        return new DiurnalRate(
            d.field("mean").number(),
            d.field("amplitude").number(),
            d.field("period").nanosOr(86_400_000_000_000L),
            d.field("peakAt").nanosOr(0));
      }
      if (rate.has("bursts")) {
        ScenarioNode b = rate.field("bursts").allowOnly("base", "rate", "first", "every", "length");
        return StepRate.bursts(
            b.field("base").number(),
            b.field("rate").number(),
            b.field("first").nanosOr(0),
            b.field("every").nanos(),
            b.field("length").nanos(),
            durationHint);
      }
    } catch (IllegalArgumentException e) {
      throw rate.error(e);
    }
    throw rate.error("needs one of steps, diurnal, bursts (or a number of requests per second)");
  }

  private static TokenDistribution tokens(ScenarioNode node) {
    try {
      if (!node.isMapping()) {
        return TokenDistribution.fixed(node.integer());
      }
      node.allowOnly("mean", "stddev", "min", "max");
      double mean = node.field("mean").number();
      return new TokenDistribution(
          mean,
          node.field("stddev").numberOr(0),
          node.field("min").integerOr(1),
          node.field("max").integerOr(Integer.MAX_VALUE / 2));
    } catch (IllegalArgumentException e) {
      throw node.error(e);
    }
  }
}
