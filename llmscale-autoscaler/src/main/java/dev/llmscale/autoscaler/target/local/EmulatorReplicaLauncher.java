package dev.llmscale.autoscaler.target.local;

import dev.llmscale.emulator.EmulatorOptions;
import dev.llmscale.emulator.EmulatorServer;
import java.net.URI;
import java.time.Duration;

/**
 * Starts in-process engine emulators on loopback, each on a free port, whose model load takes the
 * cold-start delay: the port opens at once, {@code /health} turns 200 only after the delay, as a
 * vLLM pod's readiness probe would.
 */
public final class EmulatorReplicaLauncher implements ReplicaLauncher {
  private final EmulatorOptions template;
  private final EmulatorOptions warm;

  /**
   * @param template the options every replica gets; its host, port and startup delay are replaced
   * @param host the interface to bind (loopback for the embedded default)
   * @param coldStart the time from launch to ready
   */
  public EmulatorReplicaLauncher(EmulatorOptions template, String host, Duration coldStart) {
    this.template = template.withListen(host, 0).withStartupDelay(coldStart);
    this.warm = this.template.withStartupDelay(Duration.ZERO);
  }

  @Override
  public LocalReplica launch() throws InterruptedException {
    return new EmulatorReplica(EmulatorServer.start(template));
  }

  @Override
  public LocalReplica launchWarm() throws InterruptedException {
    return new EmulatorReplica(EmulatorServer.start(warm));
  }

  private record EmulatorReplica(EmulatorServer server) implements LocalReplica {
    @Override
    public URI baseUri() {
      return server.baseUri();
    }

    @Override
    public boolean ready() {
      return server.ready();
    }

    @Override
    public int inFlightRequests() {
      return server.inFlightRequests();
    }

    @Override
    public void drain() throws InterruptedException {
      server.drain();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
