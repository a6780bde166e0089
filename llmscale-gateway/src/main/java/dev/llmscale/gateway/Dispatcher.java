package dev.llmscale.gateway;

import dev.llmscale.core.route.Admission;
import dev.llmscale.core.route.AdmissionControl;
import dev.llmscale.core.route.ReplicaLoad;
import dev.llmscale.core.route.RouteRequest;
import dev.llmscale.core.route.Router;
import dev.llmscale.openai.ApiError;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the replica for each request: filters the fleet to the replicas that may take it
 * (healthy, serving the model, not draining, not ejected by their circuit breaker, not already
 * tried for this request), asks the {@link Router}, and, with a TTFT budget, applies {@link
 * AdmissionControl}. The router is pure and single-threaded, so decisions are serialised by this
 * object's lock; a decision takes microseconds, so event loops never wait long on it.
 */
final class Dispatcher {
  private final Fleet fleet;
  private final Router router;
  private final AdmissionControl admission;
  private final HttpResponseStatus refusalStatus;

  /**
   * @param admission null to admit everything
   * @param refusalStatus 429 or 503, for requests admission control refuses
   */
  Dispatcher(
      Fleet fleet, Router router, AdmissionControl admission, HttpResponseStatus refusalStatus) {
    this.fleet = fleet;
    this.router = router;
    this.admission = admission;
    this.refusalStatus = refusalStatus;
  }

  String routerName() {
    return router.name();
  }

  /** Picks a replica for {@code request}, skipping those in {@code tried}. */
  synchronized Route route(ValidatedRequest request, List<Upstream> tried, long nowNanos) {
    List<Upstream> candidates = new ArrayList<>();
    List<ReplicaLoad> loads = new ArrayList<>();
    for (Upstream upstream : fleet.members()) {
      if (upstream.healthy()
          && !upstream.draining()
          && upstream.serves(request.model())
          && !tried.contains(upstream)
          && upstream.breaker().allows(nowNanos)) {
        candidates.add(upstream);
        loads.add(upstream.load());
      }
    }
    if (candidates.isEmpty()) {
      return new Route.Refused(GatewayErrors.noReplicas(fleet.unavailableReason(request.model())));
    }
    ReplicaLoad choice =
        router.choose(
            new RouteRequest(request.blockHashes(), request.promptTokens()), loads, nowNanos);
    Upstream chosen = candidates.get(loads.indexOf(choice));
    if (admission != null) {
      chosen = admit(chosen, candidates, nowNanos);
      if (chosen == null) {
        return new Route.Refused(refusal(candidates, nowNanos));
      }
    }
    chosen.dispatched();
    return new Route.To(chosen);
  }

  /** The router's choice if it can start the request in time, else the replica that can soonest. */
  private Upstream admit(Upstream chosen, List<Upstream> candidates, long nowNanos) {
    if (admission.decide(chosen.queueState(nowNanos)).admitted()) {
      return chosen;
    }
    Upstream best = null;
    double bestForecast = Double.POSITIVE_INFINITY;
    for (Upstream candidate : candidates) {
      Admission verdict = admission.decide(candidate.queueState(nowNanos));
      if (verdict.admitted() && !(verdict.forecastSeconds() >= bestForecast)) {
        best = candidate;
        bestForecast = verdict.forecastSeconds();
      }
    }
    return best;
  }

  private ApiError refusal(List<Upstream> candidates, long nowNanos) {
    Admission soonest = null;
    for (Upstream candidate : candidates) {
      Admission verdict = admission.decide(candidate.queueState(nowNanos));
      if (soonest == null || verdict.forecastSeconds() < soonest.forecastSeconds()) {
        soonest = verdict;
      }
    }
    return GatewayErrors.overloaded(
        refusalStatus,
        String.format(
            Locale.ROOT,
            "The replicas are too busy to start this request within its time-to-first-token budget"
                + " of %.2f s (soonest start forecast: %.2f s). Retry after %d s.",
            admission.budgetSeconds(),
            soonest.forecastSeconds(),
            soonest.retryAfterSeconds()),
        soonest.retryAfterSeconds());
  }

  /** A replica left the fleet. */
  synchronized void forget(Upstream upstream) {
    router.forget(upstream.id());
  }
}
