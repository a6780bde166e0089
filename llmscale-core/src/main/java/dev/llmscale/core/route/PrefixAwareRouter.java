package dev.llmscale.core.route;

import java.util.List;

/**
 * Sends a request to the replica that most likely has its prompt prefix in the KV cache, but only
 * among replicas whose load is close to the least loaded one, so that a popular prefix (a shared
 * system prompt) cannot pile every request onto one replica, the known failure of purely
 * cache-aware routers.
 *
 * <p>Per request: score every candidate with {@link LoadScore}; candidates within {@code
 * slackRequests + slackFraction × minimum} of the lowest score are eligible; among them the one
 * with the longest cached prefix (in blocks, from the {@link PrefixIndex}) wins, ties to the lower
 * load. Without any cached prefix among the eligible ones the request goes to the least loaded
 * replica. The chosen replica is then credited with the prompt's blocks. Once affinity has loaded a
 * replica past the slack, the next request with that prefix goes elsewhere, and that replica caches
 * the prefix too: hot prefixes spread over as many replicas as their load needs.
 */
public final class PrefixAwareRouter implements Router {
  public static final String NAME = "prefix-aware";
  public static final double DEFAULT_SLACK_REQUESTS = 4;
  public static final double DEFAULT_SLACK_FRACTION = 0.25;

  /** About a million tokens of prompt per replica at 16-token blocks. */
  public static final int DEFAULT_BLOCKS_PER_REPLICA = 65_536;

  private final LoadScore score;
  private final double slackRequests;
  private final double slackFraction;
  private final PrefixIndex index;
  private int rotation;

  /**
   * @param slackRequests how many requests' worth of load above the least loaded replica affinity
   *     may add
   * @param slackFraction the same, as a fraction of the least loaded replica's score
   */
  public PrefixAwareRouter(
      LoadScore score, double slackRequests, double slackFraction, int blocksPerReplica) {
    if (!(slackRequests >= 0) || !(slackFraction >= 0)) {
      throw new IllegalArgumentException("slack must be >= 0");
    }
    this.score = score;
    this.slackRequests = slackRequests;
    this.slackFraction = slackFraction;
    this.index = new PrefixIndex(blocksPerReplica);
  }

  public PrefixAwareRouter() {
    this(
        LoadScore.DEFAULT,
        DEFAULT_SLACK_REQUESTS,
        DEFAULT_SLACK_FRACTION,
        DEFAULT_BLOCKS_PER_REPLICA);
  }

  @Override
  public ReplicaLoad choose(RouteRequest request, List<ReplicaLoad> candidates, long nowNanos) {
    int n = candidates.size();
    int start = Math.floorMod(rotation, n);
    rotation = Math.floorMod(rotation + 1, Integer.MAX_VALUE);

    double[] scores = new double[n];
    double lowest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      scores[i] = score.of(candidates.get(i));
      lowest = Math.min(lowest, scores[i]);
    }
    double limit = lowest + slackRequests + slackFraction * lowest;

    int best = -1;
    int bestMatch = 0;
    long[] hashes = request.blockHashes();
    for (int k = 0; k < n; k++) {
      int i = (start + k) % n;
      if (scores[i] > limit) {
        continue;
      }
      int match = index.matchedBlocks(candidates.get(i).id(), hashes);
      if (match > bestMatch || match > 0 && match == bestMatch && scores[i] < scores[best]) {
        best = i;
        bestMatch = match;
      }
    }
    ReplicaLoad chosen =
        best >= 0 ? candidates.get(best) : LeastLoadRouter.leastLoaded(candidates, score, start);
    index.record(chosen.id(), hashes);
    return chosen;
  }

  /** How many leading blocks of the prompt the replica is believed to have cached. */
  public int cachedBlocks(String replicaId, long[] blockHashes) {
    return index.matchedBlocks(replicaId, blockHashes);
  }

  @Override
  public void forget(String replicaId) {
    index.forget(replicaId);
  }

  @Override
  public String name() {
    return NAME;
  }
}
