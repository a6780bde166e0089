package dev.llmscale.bench;

import dev.llmscale.core.engine.EngineConfig;
import dev.llmscale.core.engine.EngineRequest;
import dev.llmscale.core.engine.EngineScheduler;
import dev.llmscale.core.engine.ScheduledStep;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.StepShape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one scheduler step (schedule + complete) with a full decode batch: what bounds how fast
 * the simulator runs and how much CPU the emulator's engine thread needs per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineSchedulerBenchmark {
  private static final PerformanceModel FIXED =
      new PerformanceModel() {
        @Override
        public double stepSeconds(StepShape step) {
          return 0.01;
        }

        @Override
        public String describe() {
          return "fixed 10 ms";
        }
      };

  @Param({"64", "256", "1024"})
  int batch;

  private EngineScheduler scheduler;
  private long now;
  private int next;

  @Setup
  public void setup() {
    EngineConfig config = EngineConfig.defaults(4096, 200_000).withMaxNumSeqs(batch);
    scheduler = new EngineScheduler(config, FIXED);
    for (int i = 0; i < batch; i++) {
      add();
    }
  }

  @Benchmark
  public int step() {
    ScheduledStep step = scheduler.schedule(now).orElseThrow();
    now = step.endNanos();
    int finished = scheduler.complete(step).finished().size();
    for (int i = 0; i < finished; i++) {
      add(); // keep the batch full
    }
    return finished;
  }

  private void add() {
    scheduler.add(EngineRequest.uncached("r" + next++, 128, 512, now));
  }
}
