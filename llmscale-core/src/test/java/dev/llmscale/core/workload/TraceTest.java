package dev.llmscale.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TraceTest {
  /** The full public traces, on the project machines only. */
  private static final Path SHARED_TRACES = Path.of("../../shared/traces");

  @Test
  void readsTheAzureCsvExcerpt() throws IOException {
    Trace trace = resource("azure-conv-excerpt.csv", TraceFormat.AZURE_CSV);

    assertThat(trace.records()).hasSize(20);
    assertThat(trace.records().get(0)).isEqualTo(new TraceRecord(0, 374, 44, List.of()));
    // 18:15:50.9951690 - 18:15:46.6805900
    assertThat(trace.records().get(1))
        .isEqualTo(new TraceRecord(4_314_579_000L, 396, 109, List.of()));
    assertThat(trace.records().get(19).inputTokens()).isEqualTo(1353);
    assertThat(trace.spanNanos()).isEqualTo(13_025_088_000L); // to 18:15:59.7056780
  }

  @Test
  void readsTheMooncakeJsonlExcerpt() throws IOException {
    Trace trace = resource("mooncake-conversation-excerpt.jsonl", TraceFormat.MOONCAKE_JSONL);

    assertThat(trace.records()).hasSize(12);
    TraceRecord first = trace.records().get(0);
    assertThat(first.arrivalNanos()).isZero();
    assertThat(first.inputTokens()).isEqualTo(6758);
    assertThat(first.outputTokens()).isEqualTo(500);
    assertThat(first.hashIds()).containsExactlyElementsOf(LongStream.range(0, 14).boxed().toList());
    assertThat(trace.records().get(10).arrivalNanos()).isEqualTo(3_000_000_000L);
  }

  @Test
  void mooncakeHashIdsBecomeSharedBlocksOf512Tokens() throws IOException {
    Trace trace = resource("mooncake-conversation-excerpt.jsonl", TraceFormat.MOONCAKE_JSONL);
    Workload workload = trace.workload();

    WorkloadRequest first = workload.next().orElseThrow();
    WorkloadRequest second = workload.next().orElseThrow();

    assertThat(first.inputTokens()).isEqualTo(6758);
    assertThat(first.outputTokens()).isEqualTo(500);
    assertThat(first.prompt()).hasSize(14);
    assertThat(first.prompt().get(0))
        .isEqualTo(new PromptSegment(PromptSegment.Source.TRACE_BLOCK, 0, 512));
    assertThat(first.prompt().get(13))
        .isEqualTo(new PromptSegment(PromptSegment.Source.TRACE_BLOCK, 13, 6758 - 13 * 512));
    // Both conversations open with block 0: a shared 512-token prefix.
    assertThat(second.prompt().get(0)).isEqualTo(first.prompt().get(0));
    assertThat(second.prompt().get(1).id()).isEqualTo(14);
  }

  @Test
  void promptTokensBeyondTheHashIdsGetAUniqueSegment() {
    Trace trace =
        Trace.parse(
            "{\"timestamp\": 5, \"input_length\": 600, \"output_length\": 3, \"hash_ids\": [7]}\n"
                + "{\"timestamp\": 9.5, \"input_length\": 20, \"output_length\": 1}\n",
            TraceFormat.MOONCAKE_JSONL,
            "inline");
    Workload workload = trace.workload();

    assertThat(workload.next().orElseThrow().prompt())
        .containsExactly(
            new PromptSegment(PromptSegment.Source.TRACE_BLOCK, 7, 512),
            new PromptSegment(PromptSegment.Source.UNIQUE, 0, 88));
    assertThat(workload.next().orElseThrow().prompt())
        .containsExactly(new PromptSegment(PromptSegment.Source.UNIQUE, 1, 20));
    assertThat(workload.next()).isEmpty();
    assertThat(trace.records().get(1).arrivalNanos()).isEqualTo(4_500_000L);
  }

  @Test
  void azureRowsBecomeOneUniqueSegmentEach() throws IOException {
    Workload workload = resource("azure-conv-excerpt.csv", TraceFormat.AZURE_CSV).workload();

    assertThat(workload.next().orElseThrow())
        .isEqualTo(
            new WorkloadRequest(
                0, List.of(new PromptSegment(PromptSegment.Source.UNIQUE, 0, 374)), 44));
  }

  @Test
  void limitsByCountAndByTime() throws IOException {
    Trace trace = resource("azure-conv-excerpt.csv", TraceFormat.AZURE_CSV);

    assertThat(trace.first(5).records()).hasSize(5);
    assertThat(trace.first(500)).isSameAs(trace);
    assertThat(trace.before(4_400_000_000L).records()).hasSize(2);
    ArrivalProcess arrivals = trace.first(2).arrivals(0.1);
    assertThat(arrivals.nextArrivalNanos()).isZero();
    assertThat(arrivals.nextArrivalNanos()).isEqualTo(431_457_900L);
    assertThat(arrivals.nextArrivalNanos()).isEqualTo(ArrivalProcess.NONE);
  }

  @Test
  void reportsTheLineOfABadRow() {
    String csv = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,10,5\nnoon,1,1\n";
    assertThatThrownBy(() -> Trace.parse(csv, TraceFormat.AZURE_CSV, "t.csv"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessage("t.csv line 3: bad TIMESTAMP 'noon'");
    assertThatThrownBy(() -> Trace.parse("a,b,c\n", TraceFormat.AZURE_CSV, "t.csv"))
        .hasMessageContaining("line 1: expected the header");
    assertThatThrownBy(
            () ->
                Trace.parse(
                    "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,0,5\n",
                    TraceFormat.AZURE_CSV,
                    "t.csv"))
        .hasMessageContaining("line 2: ContextTokens must be a whole number > 0, got '0'");
    assertThatThrownBy(
            () ->
                Trace.parse(
                    "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 1,",
                    TraceFormat.MOONCAKE_JSONL,
                    "t.jsonl"))
        .hasMessageContaining("t.jsonl line 2: bad JSON");
    assertThatThrownBy(
            () ->
                Trace.parse(
                    "{\"timestamp\": 0, \"input_length\": \"5\", \"output_length\": 1}",
                    TraceFormat.MOONCAKE_JSONL,
                    "t.jsonl"))
        .hasMessageContaining("line 1: 'input_length' must be a whole number > 0, got 5");
    assertThatThrownBy(() -> Trace.parse("\n", TraceFormat.MOONCAKE_JSONL, "t.jsonl"))
        .hasMessageContaining("no requests");
  }

  @Test
  void formatsByNameAndFileName() {
    assertThat(TraceFormat.named("Mooncake")).isEqualTo(TraceFormat.MOONCAKE_JSONL);
    assertThat(TraceFormat.ofFileName("x/AzureLLMInferenceTrace_conv.csv"))
        .contains(TraceFormat.AZURE_CSV);
    assertThat(TraceFormat.ofFileName("trace.jsonl")).contains(TraceFormat.MOONCAKE_JSONL);
    assertThat(TraceFormat.ofFileName("trace.txt")).isEmpty();
    assertThatThrownBy(() -> TraceFormat.named("burstgpt")).hasMessageContaining("known: azure");
  }

  @Test
  void readsTheFullSharedTracesWhenPresent() {
    Path azure = SHARED_TRACES.resolve("AzureLLMInferenceTrace_conv.csv");
    Path mooncake = SHARED_TRACES.resolve("mooncake_conversation_trace.jsonl");
    assumeTrue(Files.isReadable(azure) && Files.isReadable(mooncake), "no shared traces here");

    Trace conv = Trace.load(azure, TraceFormat.AZURE_CSV);
    assertThat(conv.records()).hasSize(19_366);
    assertThat(conv.spanNanos() / 1e9).isCloseTo(3501.7, within(0.1));
    assertThat(conv.records().stream().mapToInt(TraceRecord::inputTokens).average().orElseThrow())
        .isCloseTo(1155, within(1.0));

    Trace kimi = Trace.load(mooncake, TraceFormat.MOONCAKE_JSONL);
    assertThat(kimi.records()).hasSize(12_031);
    assertThat(kimi.spanNanos()).isEqualTo(3_536_999_000_000L);
    assertThat(kimi.records().stream().mapToInt(TraceRecord::outputTokens).average().orElseThrow())
        .isCloseTo(343, within(1.0));
    // The README's invariant: the hash ids cover the prompt, the last block partly.
    for (TraceRecord r : kimi.records()) {
      int rest = r.inputTokens() - (r.hashIds().size() - 1) * 512;
      assertThat(rest).isBetween(1, 512);
    }
  }

  private static Trace resource(String name, TraceFormat format) throws IOException {
    try (InputStream in = TraceTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return Trace.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format, name);
    }
  }
}
