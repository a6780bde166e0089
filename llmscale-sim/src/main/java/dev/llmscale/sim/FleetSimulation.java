package dev.llmscale.sim;

import dev.llmscale.core.route.AdmissionControl;
import dev.llmscale.core.route.Routers;
import dev.llmscale.sim.control.Autoscaler;
import dev.llmscale.sim.control.PolicySetup;
import dev.llmscale.sim.event.EventQueue;
import dev.llmscale.sim.event.RandomStreams;
import dev.llmscale.sim.fleet.Cluster;
import dev.llmscale.sim.fleet.FleetConfig;
import dev.llmscale.sim.fleet.NodePool;
import dev.llmscale.sim.fleet.RequestOutcome;
import dev.llmscale.sim.fleet.SimRequest;
import dev.llmscale.sim.gateway.GatewayConfig;
import dev.llmscale.sim.gateway.SimGateway;
import dev.llmscale.sim.metrics.FrontendMetrics;
import dev.llmscale.sim.report.RunRecorder;
import dev.llmscale.sim.report.RunResult;
import dev.llmscale.sim.workload.RequestStream;

/**
 * One run of a simulated fleet: clients, the gateway, the replicas running the core engine, the
 * cluster with its nodes, the metric pipeline and the autoscaler running a core policy, all driven
 * by one {@link EventQueue}. A run is a pure function of its setup, policy and seed.
 */
public final class FleetSimulation {
  private final SimulationSetup setup;
  private final EventQueue<SimEvent> queue = new EventQueue<>();
  private final RunRecorder recorder;
  private final FrontendMetrics metrics;
  private final SimGateway gateway;
  private final Cluster cluster;
  private final RequestStream requests;
  private final Autoscaler autoscaler;
  private final String label;
  private final ProgressListener progress;
  private long events;

  private FleetSimulation(SimulationSetup setup, PolicySetup policy, ProgressListener progress) {
    this.setup = setup;
    this.progress = progress;
    RandomStreams random = new RandomStreams(setup.seed());
    FleetConfig fleet = setup.fleet();
    GatewayConfig gatewayConfig = setup.gateway();
    this.recorder = new RunRecorder(setup.slo(), setup.durationNanos());
    this.metrics = new FrontendMetrics(gatewayConfig.metricPrefix(), gatewayConfig.buckets());
    this.gateway =
        new SimGateway(
            Routers.create(gatewayConfig.router()),
            gatewayConfig.ttftBudgetSeconds() > 0
                ? new AdmissionControl(gatewayConfig.ttftBudgetSeconds())
                : null,
            metrics,
            recorder);
    NodePool pool = new NodePool(fleet.nodePool(), random.stream("nodes"), queue::schedule);
    this.cluster =
        new Cluster(
            fleet.service(),
            fleet.replica(),
            fleet.lifecycle(),
            pool,
            random.stream("lifecycle"),
            queue::schedule,
            gateway);
    this.requests =
        setup
            .workload()
            .open(
                random,
                setup.durationNanos(),
                fleet.replica().engine().blockSize(),
                fleet.replica().engine().maxModelLen());
    this.label = policy == null ? "static" : policy.label();
    this.autoscaler =
        policy == null
            ? null
            : new Autoscaler(policy.policy(), policy.pipeline(metrics), cluster, recorder);
  }

  /**
   * Runs {@code setup} under {@code policy}.
   *
   * @param policy null for a static fleet that keeps its initial replicas
   */
  public static RunResult run(
      SimulationSetup setup, PolicySetup policy, ProgressListener progress) {
    return new FleetSimulation(setup, policy, progress).run();
  }

  private RunResult run() {
    long wallStart = System.nanoTime();
    long duration = setup.durationNanos();
    cluster.start(setup.fleet().initialReplicas(), 0);
    scheduleNextArrival();
    queue.schedule(0, new SimEvent.EngineSample());
    queue.schedule(setup.sampleIntervalNanos(), new SimEvent.RecordSample());
    if (autoscaler != null) {
      queue.schedule(0, new SimEvent.Scrape());
      queue.schedule(setup.policyStartNanos(), new SimEvent.PolicyTick());
    }
    while (!queue.isEmpty()) {
      if (queue.nextTimeNanos() > duration && recorder.active() == 0) {
        break;
      }
      for (SimEvent event : queue.nextBatch()) {
        events++;
        handle(event, queue.now());
      }
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return new RunResult(
        setup.scenario(),
        label,
        setup.seed(),
        duration / 1e9,
        setup.slo().toString(),
        recorder.summary(cluster),
        recorder.series(),
        recorder.actions(),
        wall,
        events);
  }

  private void handle(SimEvent event, long now) {
    long duration = setup.durationNanos();
    switch (event) {
      case SimEvent.Arrival arrival -> {
        SimRequest request = arrival.request();
        recorder.arrived();
        if (gateway.dispatch(request, now) == RequestOutcome.ACTIVE) {
          queue.schedule(now + setup.clientTimeoutNanos(), new SimEvent.ClientTimeout(request));
        }
        scheduleNextArrival();
      }
      case SimEvent.StepEnd step -> {
        step.replica().stepEnded(step.step(), now, gateway);
        cluster.checkDrained(step.replica(), now);
      }
      case SimEvent.EngineWake wake -> wake.replica().woken(now);
      case SimEvent.ClientTimeout timeout -> {
        SimRequest request = timeout.request();
        gateway.timedOut(request, now);
        if (request.replica() != null) {
          cluster.checkDrained(request.replica(), now);
        }
      }
      case SimEvent.PhaseDone phase -> cluster.phaseDone(phase.replica(), phase.phase(), now);
      case SimEvent.DrainDeadline drain -> cluster.drainDeadline(drain.replica(), now);
      case SimEvent.NodeReady ready -> cluster.nodeReady(ready.node(), now);
      case SimEvent.NodeIdleCheck idle ->
          cluster.nodeIdle(idle.node(), idle.emptySinceNanos(), now);
      case SimEvent.EngineSample sample -> {
        gateway.sampleEngines(now);
        repeat(now + setup.gateway().engineSampleIntervalNanos(), sample);
      }
      case SimEvent.Scrape scrape -> {
        autoscaler.pipeline().scrape(now);
        repeat(now + autoscaler.pipeline().scrapeIntervalNanos(), scrape);
      }
      case SimEvent.PolicyTick tick -> repeat(autoscaler.tick(now), tick);
      case SimEvent.RecordSample sample -> {
        recorder.sample(now, cluster, metrics.queued());
        progress.progress(now, duration);
        repeat(now + setup.sampleIntervalNanos(), sample);
      }
    }
  }

  /** Periodic events stop with the arrivals. */
  private void repeat(long atNanos, SimEvent event) {
    if (atNanos <= setup.durationNanos()) {
      queue.schedule(atNanos, event);
    }
  }

  private void scheduleNextArrival() {
    SimRequest next = requests.next();
    if (next != null) {
      queue.schedule(next.arrivalNanos(), new SimEvent.Arrival(next));
    }
  }
}
