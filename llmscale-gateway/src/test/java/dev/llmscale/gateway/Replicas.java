package dev.llmscale.gateway;

import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import dev.llmscale.emulator.LinearPerformanceModel;
import dev.llmscale.emulator.TestServers;
import java.time.Duration;

/** Emulated vLLM replicas on loopback for gateway tests: a small model, a predictable engine. */
final class Replicas {
  static final String MODEL = TestServers.MODEL;
  static final int MAX_MODEL_LEN = TestServers.MAX_MODEL_LEN;

  private Replicas() {}

  /** The emulator's test options, with one event loop and time to drain. */
  static EmulatorOptions.Builder options(PerformanceModel performance) {
    return TestServers.options(performance).drainTimeout(Duration.ofSeconds(20)).ioThreads(1);
  }

  /** A replica whose steps take {@code stepSeconds}, so a token comes every step. */
  static EmulatorServer start(double stepSeconds) throws InterruptedException {
    return EmulatorServer.start(options(LinearPerformanceModel.fixed(stepSeconds)).build());
  }

  /** Gateway options for tests: fast health checks and scrapes, loopback, any free port. */
  static GatewayOptions.Builder gateway() {
    return GatewayOptions.builder()
        .host("127.0.0.1")
        .port(0)
        .healthInterval(Duration.ofMillis(100))
        .healthTimeout(Duration.ofSeconds(1))
        .scrapeInterval(Duration.ofMillis(100))
        .unhealthyThreshold(1)
        .ioThreads(2)
        .tokenizerThreads(1);
  }
}
