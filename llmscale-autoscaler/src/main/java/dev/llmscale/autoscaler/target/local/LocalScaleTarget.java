package dev.llmscale.autoscaler.target.local;

import dev.llmscale.autoscaler.target.ScaleTarget;
import dev.llmscale.autoscaler.target.ScaleTargetException;
import dev.llmscale.core.policy.ServiceState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicas on this machine, scaled the way a Deployment's ReplicaSet does it: the desired count is
 * written at once, replicas start with a cold-start delay before they are ready, and removals take
 * starting replicas first, then the newest. A removed replica leaves the gateway's list first and
 * drains after a short delay (as a pod's preStop hook gives endpoints time to update), so no
 * request is cut.
 *
 * <p>Like a controller, every {@link #read} also reconciles: a replica that failed to launch is
 * retried there.
 */
public final class LocalScaleTarget implements ScaleTarget {
  private static final Logger LOG = LoggerFactory.getLogger(LocalScaleTarget.class);

  private final String service;
  private final ReplicaLauncher launcher;
  private final UpstreamRegistry registry;
  private final Duration drainDelay;
  private final List<LocalReplica> live = new ArrayList<>(); // oldest first
  private final Set<LocalReplica> draining = ConcurrentHashMap.newKeySet();
  private final List<Thread> drainThreads = new ArrayList<>();
  private int desired;
  private boolean closed;

  /**
   * Starts {@code initialReplicas} replicas, ready at once (they stand for those already running
   * when the autoscaler starts), and publishes them.
   *
   * @param drainDelay time between leaving the gateway's list and starting to drain
   * @throws ScaleTargetException if the initial replicas could not start or be published
   */
  public LocalScaleTarget(
      String service,
      int initialReplicas,
      ReplicaLauncher launcher,
      UpstreamRegistry registry,
      Duration drainDelay)
      throws ScaleTargetException {
    if (initialReplicas < 0) {
      throw new IllegalArgumentException("initial replicas must be >= 0: " + initialReplicas);
    }
    this.service = service;
    this.launcher = launcher;
    this.registry = registry;
    this.drainDelay = drainDelay;
    desired = initialReplicas;
    reconcile(true);
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public synchronized ServiceState read() throws ScaleTargetException {
    reconcile(false);
    int ready = 0;
    for (LocalReplica replica : live) {
      if (replica.ready()) {
        ready++;
      }
    }
    return new ServiceState(desired, live.size(), ready);
  }

  @Override
  public synchronized void scale(int replicas) throws ScaleTargetException {
    if (replicas < 0) {
      throw new ScaleTargetException("replicas must be >= 0: " + replicas);
    }
    if (closed) {
      throw new ScaleTargetException("local target '" + service + "' is closed");
    }
    desired = replicas;
    reconcile(false);
  }

  /** The replicas that exist and are not draining, oldest first. */
  public synchronized List<LocalReplica> replicas() {
    return List.copyOf(live);
  }

  /** Replicas removed from the gateway's list and still finishing their requests. */
  public int drainingReplicas() {
    return draining.size();
  }

  private void reconcile(boolean warm) throws ScaleTargetException {
    if (closed) {
      return;
    }
    boolean changed = false;
    ScaleTargetException failure = null;
    while (live.size() < desired) {
      try {
        LocalReplica replica = warm ? launcher.launchWarm() : launcher.launch();
        live.add(replica);
        changed = true;
        LOG.info(
            "{}: started replica {} ({} of {})", service, replica.baseUri(), live.size(), desired);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new ScaleTargetException("interrupted while starting a replica of " + service);
        break;
      } catch (Exception e) {
        failure =
            new ScaleTargetException(
                "could not start a replica of " + service + ": " + e.getMessage(), e);
        break;
      }
    }
    List<LocalReplica> removed = new ArrayList<>();
    while (live.size() > desired) {
      LocalReplica victim = pickVictim();
      live.remove(victim);
      removed.add(victim);
      changed = true;
    }
    if (changed) {
      publish();
    }
    for (LocalReplica victim : removed) {
      drainLater(victim);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A starting replica if there is one (the newest), otherwise the newest ready one. */
  private LocalReplica pickVictim() {
    for (int i = live.size() - 1; i >= 0; i--) {
      if (!live.get(i).ready()) {
        return live.get(i);
      }
    }
    return live.getLast();
  }

  private void publish() throws ScaleTargetException {
    List<URI> uris = live.stream().map(LocalReplica::baseUri).toList();
    try {
      registry.publish(uris);
    } catch (Exception e) {
      throw new ScaleTargetException(
          "could not publish the replicas of " + service + ": " + e.getMessage(), e);
    }
  }

  private void drainLater(LocalReplica victim) {
    draining.add(victim);
    LOG.info(
        "{}: removing replica {} ({} requests in flight); it drains",
        service,
        victim.baseUri(),
        victim.inFlightRequests());
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name("llmscale-drain-" + victim.baseUri().getPort())
            .start(
                () -> {
                  try {
                    if (victim.ready()) {
                      TimeUnit.NANOSECONDS.sleep(drainDelay.toNanos());
                      victim.drain();
                    } else {
                      victim.close(); // still loading: nothing to finish
                    }
                  } catch (InterruptedException e) {
                    victim.close();
                  } finally {
                    draining.remove(victim);
                  }
                });
    drainThreads.removeIf(t -> !t.isAlive());
    drainThreads.add(thread);
  }

  /** Stops every replica at once, draining ones included, and waits for them. */
  @Override
  public void close() {
    List<LocalReplica> all;
    List<Thread> threads;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(live);
      live.clear();
      threads = new ArrayList<>(drainThreads);
    }
    for (LocalReplica replica : all) {
      replica.close();
    }
    for (LocalReplica replica : List.copyOf(draining)) {
      replica.close();
    }
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
