package dev.llmscale.loadgen;

import dev.llmscale.core.workload.SloTargets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one load run needs, already validated.
 *
 * @param endpoint where requests go
 * @param plan what is sent and when
 * @param slo targets for goodput ({@link SloTargets#NONE} for none)
 * @param artifactDir where to write records, summary and chart; empty for none
 * @param ioThreads client event loops
 * @param tokenizerEncoding jtokkit encoding for prompts and for counting output the server did not
 * @param contentSalt varies the prompt text between runs (see {@link PromptRenderer})
 * @param settings what the user asked for, echoed into the summary
 * @param compareServerMetrics scrape the server's {@code /metrics} before and after the run and
 *     report its own TTFT, ITL and token counts beside the client's
 */
public record LoadOptions(
    Endpoint endpoint,
    LoadPlan plan,
    SloTargets slo,
    Optional<Path> artifactDir,
    int ioThreads,
    String tokenizerEncoding,
    long contentSalt,
    Map<String, Object> settings,
    boolean compareServerMetrics) {

  public LoadOptions {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(slo, "slo");
    if (ioThreads <= 0) {
      throw new IllegalArgumentException("io threads must be > 0: " + ioThreads);
    }
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }
}
