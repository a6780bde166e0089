package dev.llmscale.core.workload;

import java.util.Optional;

/**
 * A source of requests: what each request asks for, not when it arrives (an {@link ArrivalProcess}
 * says that). Synthetic workloads never run out; a replayed trace does. Not thread-safe; one
 * instance per run.
 */
public interface Workload {

  /** The next request, or empty when the workload is exhausted. */
  Optional<WorkloadRequest> next();
}
