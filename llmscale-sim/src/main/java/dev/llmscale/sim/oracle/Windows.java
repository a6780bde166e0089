package dev.llmscale.sim.oracle;

import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.event.RandomStreams;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.workload.RequestStream;
import java.util.ArrayList;
import java.util.List;

/** A run's requests cut into windows of arrival time. */
final class Windows {
  private Windows() {}

  static List<List<SimRequest>> of(SimulationSetup setup, long seed, long windowNanos) {
    if (windowNanos <= 0) {
      throw new IllegalArgumentException("report.oracleWindow must be > 0");
    }
    long duration = setup.durationNanos();
    int count = (int) ((duration + windowNanos - 1) / windowNanos);
    List<List<SimRequest>> windows = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      windows.add(new ArrayList<>());
    }
    RequestStream requests =
        setup
            .workload()
            .open(
                new RandomStreams(seed),
                duration,
                setup.fleet().replica().engine().blockSize(),
                setup.fleet().replica().engine().maxModelLen());
    for (SimRequest request = requests.next(); request != null; request = requests.next()) {
      windows.get((int) (request.arrivalNanos() / windowNanos)).add(request);
    }
    return windows;
  }

  /** Length of window {@code w}: the last one may be cut by the end of the run. */
  static long length(SimulationSetup setup, long windowNanos, int w) {
    return Math.min(windowNanos, setup.durationNanos() - w * windowNanos);
  }
}
