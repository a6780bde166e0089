package dev.llmscale.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas behind the gateway: the union of what every {@link UpstreamSource} reports. A
 * replica that appears is added (it takes traffic once its health check passes); one that
 * disappears drains: it gets no new requests, its in-flight streams finish, and it is retired when
 * the last one ends. Membership changes are serialised by a lock; readers take the published
 * snapshot without locking.
 */
final class Fleet {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  /** Told when a replica joins and when a drained one leaves. */
  interface Listener {
    void added(Upstream upstream);

    void retired(Upstream upstream);
  }

  private final Function<URI, Upstream> factory;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Map<String, Set<URI>> desiredBySource = new LinkedHashMap<>();
  private final Map<URI, Upstream> members = new LinkedHashMap<>();
  private volatile List<Upstream> snapshot = List.of();
  private volatile ModelCatalog catalog = ModelCatalog.EMPTY;

  Fleet(Function<URI, Upstream> factory) {
    this.factory = factory;
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Every replica, draining ones included, in the order they joined. */
  List<Upstream> members() {
    return snapshot;
  }

  /** The models the replicas serve, as last listed. */
  ModelCatalog catalog() {
    return catalog;
  }

  /** A source reported its complete set. */
  void update(String source, Collection<URI> uris) {
    List<Upstream> added = new ArrayList<>();
    List<Upstream> retired = new ArrayList<>();
    synchronized (lock) {
      desiredBySource.put(source, new LinkedHashSet<>(uris));
      Set<URI> desired = new LinkedHashSet<>();
      desiredBySource.values().forEach(desired::addAll);
      for (URI uri : desired) {
        Upstream member = members.get(uri);
        if (member == null) {
          member = factory.apply(uri);
          members.put(uri, member);
          added.add(member);
        } else if (member.draining()) {
          member.draining(false);
          LOG.info("upstream {} is back; it stops draining", uri);
        }
      }
      for (Upstream member : List.copyOf(members.values())) {
        if (!desired.contains(member.uri()) && !member.draining()) {
          member.draining(true);
          LOG.info(
              "upstream {} removed: draining {} in-flight requests", member, member.inFlight());
          if (member.inFlight() == 0) {
            members.remove(member.uri());
            retired.add(member);
          }
        }
      }
      publish();
    }
    for (Upstream upstream : added) {
      LOG.info("upstream {} added (from {})", upstream, source);
      listeners.forEach(l -> l.added(upstream));
    }
    retired.forEach(this::notifyRetired);
  }

  /** A request to {@code upstream} ended; retires the replica if it drained. */
  void finished(Upstream upstream) {
    if (upstream.finished() == 0 && upstream.draining()) {
      boolean retire;
      synchronized (lock) {
        retire =
            members.get(upstream.uri()) == upstream
                && upstream.draining()
                && upstream.inFlight() == 0;
        if (retire) {
          members.remove(upstream.uri());
          publish();
        }
      }
      if (retire) {
        notifyRetired(upstream);
      }
    }
  }

  /** A replica's model list changed. */
  void modelsChanged() {
    synchronized (lock) {
      publishCatalog();
    }
  }

  /** Why no replica can take a request for {@code model}, for the 503 a client gets. */
  String unavailableReason(String model) {
    List<Upstream> all = snapshot;
    if (all.isEmpty()) {
      return "No upstream replicas are configured.";
    }
    int healthy = 0;
    int draining = 0;
    int ejected = 0;
    int serving = 0;
    for (Upstream upstream : all) {
      if (upstream.draining()) {
        draining++;
      } else if (upstream.healthy()) {
        healthy++;
        if (upstream.breaker().state() != CircuitBreaker.State.CLOSED) {
          ejected++;
        }
      }
      if (model != null && upstream.serves(model)) {
        serving++;
      }
    }
    StringBuilder reason = new StringBuilder("No upstream replica is ready");
    if (model != null) {
      reason.append(" for model '").append(model).append('\'');
    }
    reason.append(": ").append(all.size()).append(all.size() == 1 ? " replica" : " replicas");
    reason.append(" (").append(healthy).append(" healthy");
    if (model != null) {
      reason.append(", ").append(serving).append(" serving the model");
    }
    reason.append(", ").append(ejected).append(" ejected after failures");
    reason.append(", ").append(draining).append(" draining). Retry shortly.");
    return reason.toString();
  }

  private void notifyRetired(Upstream upstream) {
    LOG.info("upstream {} drained and retired", upstream);
    listeners.forEach(l -> l.retired(upstream));
  }

  private void publish() {
    snapshot = List.copyOf(members.values());
    publishCatalog();
  }

  private void publishCatalog() {
    List<List<ModelEntry>> lists = new ArrayList<>();
    for (Upstream member : members.values()) {
      lists.add(member.models());
    }
    catalog = ModelCatalog.merge(lists);
  }
}
