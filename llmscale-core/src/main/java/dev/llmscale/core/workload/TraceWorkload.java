package dev.llmscale.core.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests of a trace. A record with hash ids becomes one {@link
 * PromptSegment.Source#TRACE_BLOCK} segment per id ({@code blockTokens} long, the last one cut to
 * the prompt length), followed by a unique segment for any prompt tokens the ids do not cover;
 * without hash ids the whole prompt is one unique segment.
 */
final class TraceWorkload implements Workload {
  private final List<TraceRecord> records;
  private final int blockTokens;
  private int next;

  TraceWorkload(List<TraceRecord> records, int blockTokens) {
    this.records = records;
    this.blockTokens = blockTokens;
  }

  @Override
  public Optional<WorkloadRequest> next() {
    if (next >= records.size()) {
      return Optional.empty();
    }
    int index = next++;
    TraceRecord record = records.get(index);
    return Optional.of(new WorkloadRequest(index, segments(index, record), record.outputTokens()));
  }

  private List<PromptSegment> segments(long index, TraceRecord record) {
    List<PromptSegment> segments = new ArrayList<>(record.hashIds().size() + 1);
    int covered = 0;
    if (blockTokens > 0) {
      for (long id : record.hashIds()) {
        int tokens = Math.min(blockTokens, record.inputTokens() - covered);
        if (tokens <= 0) {
          break;
        }
        segments.add(new PromptSegment(PromptSegment.Source.TRACE_BLOCK, id, tokens));
        covered += tokens;
      }
    }
    if (covered < record.inputTokens()) {
      segments.add(
          new PromptSegment(PromptSegment.Source.UNIQUE, index, record.inputTokens() - covered));
    }
    return segments;
  }
}
