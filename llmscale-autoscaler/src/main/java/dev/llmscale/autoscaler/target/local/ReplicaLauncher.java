package dev.llmscale.autoscaler.target.local;

/** Starts local replicas for a {@link LocalScaleTarget}. */
public interface ReplicaLauncher {

  /**
   * Starts one replica. Returns once it listens; it becomes {@link LocalReplica#ready ready} after
   * its cold start.
   *
   * @throws Exception if it could not start (the scale-up is retried at the next tick)
   */
  LocalReplica launch() throws Exception;

  /**
   * Starts a replica that is ready at once: one of those already running when the autoscaler
   * starts, as a cluster's pods are. By default the same as {@link #launch}.
   */
  default LocalReplica launchWarm() throws Exception {
    return launch();
  }
}
