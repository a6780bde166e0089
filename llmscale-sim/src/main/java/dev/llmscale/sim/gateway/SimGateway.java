package dev.llmscale.sim.gateway;

import dev.llmscale.core.route.Admission;
import dev.llmscale.core.route.AdmissionControl;
import dev.llmscale.core.route.ReplicaLoad;
import dev.llmscale.core.route.RouteRequest;
import dev.llmscale.core.route.Router;
import dev.llmscale.sim.fleet.ClusterListener;
import dev.llmscale.sim.fleet.EngineListener;
import dev.llmscale.sim.fleet.Replica;
import dev.llmscale.sim.fleet.RequestOutcome;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.metrics.FrontendMetrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway in front of the replicas, deciding as the live one does: the ready replicas that are
 * not draining are the candidates, the core {@link Router} picks one, and with a TTFT budget the
 * core {@link AdmissionControl} refuses a request no candidate can start in time (falling back to
 * the candidate that can start it soonest, as the live dispatcher does). It measures what the live
 * gateway measures into {@link FrontendMetrics}.
 */
public final class SimGateway implements ClusterListener, EngineListener {
  private final Router router;
  private final AdmissionControl admission;
  private final FrontendMetrics metrics;
  private final RequestObserver observer;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final Map<Replica, Endpoint> byReplica = new IdentityHashMap<>();

  /**
   * @param admission null to admit everything
   * @param observer hears first tokens and ends
   */
  public SimGateway(
      Router router,
      AdmissionControl admission,
      FrontendMetrics metrics,
      RequestObserver observer) {
    this.router = router;
    this.admission = admission;
    this.metrics = metrics;
    this.observer = observer;
  }

  public FrontendMetrics metrics() {
    return metrics;
  }

  /**
   * A request arrives: route it and send it, or refuse it.
   *
   * @return {@link RequestOutcome#ACTIVE} when sent, else how it was refused
   */
  public RequestOutcome dispatch(SimRequest request, long nowNanos) {
    metrics.received(request.inputTokens());
    if (endpoints.isEmpty()) {
      fail(request, RequestOutcome.NO_REPLICA, nowNanos);
      return RequestOutcome.NO_REPLICA;
    }
    List<ReplicaLoad> loads = new ArrayList<>(endpoints.size());
    for (Endpoint endpoint : endpoints) {
      loads.add(endpoint.load());
    }
    ReplicaLoad choice =
        router.choose(
            new RouteRequest(request.blockHashes(), request.inputTokens()), loads, nowNanos);
    Endpoint chosen = endpoints.get(loads.indexOf(choice));
    if (admission != null) {
      chosen = admit(chosen, nowNanos);
      if (chosen == null) {
        fail(request, RequestOutcome.REFUSED, nowNanos);
        return RequestOutcome.REFUSED;
      }
    }
    chosen.dispatched();
    chosen.replica.accept(request, nowNanos, chosen.queueing());
    return RequestOutcome.ACTIVE;
  }

  /** The client gave up: cancel upstream and count the timeout. */
  public void timedOut(SimRequest request, long nowNanos) {
    if (!request.active()) {
      return;
    }
    if (request.replica() != null) {
      request.replica().cancel(request, nowNanos);
    }
    fail(request, RequestOutcome.TIMED_OUT, nowNanos);
  }

  /** The gateway's engine-metrics scrape: every endpoint's queue and KV sample is refreshed. */
  public void sampleEngines(long nowNanos) {
    for (Endpoint endpoint : endpoints) {
      endpoint.sample(nowNanos);
    }
  }

  @Override
  public void replicaReady(Replica replica, long nowNanos) {
    Endpoint endpoint = new Endpoint(replica);
    endpoint.sample(nowNanos);
    endpoints.add(endpoint);
    byReplica.put(replica, endpoint);
  }

  @Override
  public void replicaDraining(Replica replica, long nowNanos) {
    Endpoint endpoint = byReplica.remove(replica);
    if (endpoint != null) {
      endpoints.remove(endpoint);
      router.forget(replica.id());
    }
  }

  @Override
  public void requestCut(SimRequest request, long nowNanos) {
    fail(request, RequestOutcome.CUT_BY_DRAIN, nowNanos);
  }

  @Override
  public void firstToken(SimRequest request, long nowNanos) {
    metrics.firstToken(request.ttftSeconds());
    observer.firstToken(request, nowNanos);
    Endpoint endpoint = byReplica.get(request.replica());
    if (endpoint != null) {
      endpoint.timings.firstToken(
          (nowNanos - request.dispatchNanos()) / 1e9, request.queuedAtDispatch());
    }
  }

  @Override
  public void nextToken(SimRequest request, long gapNanos, long nowNanos) {
    metrics.nextToken(gapNanos / 1e9);
  }

  @Override
  public void completed(SimRequest request, long nowNanos) {
    request.end(RequestOutcome.COMPLETED, nowNanos);
    metrics.completed(request.latencySeconds(), request.tokens());
    Endpoint endpoint = byReplica.get(request.replica());
    if (endpoint != null) {
      endpoint.timings.finished((nowNanos - request.dispatchNanos()) / 1e9);
    }
    observer.ended(request, nowNanos);
  }

  private void fail(SimRequest request, RequestOutcome outcome, long nowNanos) {
    request.end(outcome, nowNanos);
    metrics.failed(outcome.errorType(), request.firstTokenNanos() >= 0);
    observer.ended(request, nowNanos);
  }

  /** The router's choice if it can start the request in time, else the one that can soonest. */
  private Endpoint admit(Endpoint chosen, long nowNanos) {
    if (admission.decide(chosen.queueState(nowNanos)).admitted()) {
      return chosen;
    }
    Endpoint best = null;
    double bestForecast = Double.POSITIVE_INFINITY;
    for (Endpoint candidate : endpoints) {
      Admission verdict = admission.decide(candidate.queueState(nowNanos));
      if (verdict.admitted() && !(verdict.forecastSeconds() >= bestForecast)) {
        best = candidate;
        bestForecast = verdict.forecastSeconds();
      }
    }
    return best;
  }
}
