package dev.llmscale.gateway;

import dev.llmscale.core.route.QueueState;
import dev.llmscale.core.route.ReplicaLoad;
import dev.llmscale.core.route.ReplicaTimings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine replica behind the gateway and everything the gateway knows about it: health (from
 * active checks), engine load (from scraping its {@code /metrics}), the models it serves, its
 * circuit breaker, what the gateway has in flight there, and learned timings. Fields written by the
 * monitor thread are volatile; counters are atomic; timings are guarded by their own lock.
 */
final class Upstream {
  private final URI uri;
  private final String id;
  private final InetSocketAddress address;
  private final String authority;
  private final CircuitBreaker breaker;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger dispatchedSinceSample = new AtomicInteger();
  private final ReplicaTimings timings = new ReplicaTimings();
  private volatile boolean healthy;
  private volatile boolean draining;
  private volatile EngineSample sample = EngineSample.NONE;
  private volatile List<ModelEntry> models = List.of();
  private volatile boolean modelsKnown;

  Upstream(URI uri, CircuitBreaker breaker) {
    this.uri = uri;
    this.id = uri.toString();
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    this.address = InetSocketAddress.createUnresolved(uri.getHost(), port);
    this.authority = uri.getRawAuthority();
    this.breaker = breaker;
  }

  URI uri() {
    return uri;
  }

  String id() {
    return id;
  }

  InetSocketAddress address() {
    return address;
  }

  /** The {@code Host} header for requests to it. */
  String authority() {
    return authority;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  boolean healthy() {
    return healthy;
  }

  void healthy(boolean healthy) {
    this.healthy = healthy;
  }

  boolean draining() {
    return draining;
  }

  void draining(boolean draining) {
    this.draining = draining;
  }

  List<ModelEntry> models() {
    return models;
  }

  boolean modelsKnown() {
    return modelsKnown;
  }

  void models(List<ModelEntry> models) {
    this.models = List.copyOf(models);
    this.modelsKnown = true;
  }

  boolean serves(String model) {
    for (ModelEntry entry : models) {
      if (entry.id().equals(model)) {
        return true;
      }
    }
    return false;
  }

  EngineSample sample() {
    return sample;
  }

  void sample(EngineSample sample) {
    this.sample = sample;
    dispatchedSinceSample.set(0);
  }

  int inFlight() {
    return inFlight.get();
  }

  /** A request was sent here. */
  void dispatched() {
    inFlight.incrementAndGet();
    dispatchedSinceSample.incrementAndGet();
    breaker.dispatched();
  }

  /**
   * A request sent here ended, whatever the outcome.
   *
   * @return the requests still in flight
   */
  int finished() {
    return inFlight.decrementAndGet();
  }

  ReplicaLoad load() {
    EngineSample s = sample;
    return new ReplicaLoad(id, inFlight.get(), s.waiting(), s.running(), s.kvUsage());
  }

  /** The replica reported a queue at its last scrape. */
  boolean queueing() {
    return sample.waiting() > 0;
  }

  QueueState queueState(long nowNanos) {
    EngineSample s = sample;
    double age = s.present() ? (nowNanos - s.sampledAtNanos()) / 1e9 : 0;
    synchronized (timings) {
      return new QueueState(
          s.waiting(),
          s.running(),
          dispatchedSinceSample.get(),
          age,
          timings.meanServiceSeconds(),
          timings.unqueuedTtftSeconds());
    }
  }

  void firstToken(double ttftSeconds, boolean queuedAtDispatch) {
    synchronized (timings) {
      timings.firstToken(ttftSeconds, queuedAtDispatch);
    }
  }

  void completed(double durationSeconds) {
    synchronized (timings) {
      timings.finished(durationSeconds);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
