package dev.llmscale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmscale.core.workload.PromptSegment;
import dev.llmscale.core.workload.PromptSegment.Source;
import dev.llmscale.core.workload.WorkloadRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptRendererTest {
  private static Encoding cl100k;
  private static PromptRenderer renderer;

  @BeforeAll
  static void load() {
    cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    renderer = PromptRenderer.create("cl100k_base", 7);
  }

  @Test
  void promptsHaveExactlyTheRequestedTokenCount() {
    for (int tokens : new int[] {1, 2, 17, 250, 3000, 12_345}) {
      String text = renderer.render(request(0, new PromptSegment(Source.UNIQUE, tokens, tokens)));
      assertThat(cl100k.countTokensOrdinary(text)).as("%d tokens", tokens).isEqualTo(tokens);
    }
    assertThat(renderer.vocabularySize()).isGreaterThan(5000);
  }

  @Test
  void segmentsJoinWithoutChangingTheCount() {
    WorkloadRequest mooncakeLike =
        request(
            3,
            new PromptSegment(Source.TRACE_BLOCK, 0, 512),
            new PromptSegment(Source.TRACE_BLOCK, 14, 512),
            new PromptSegment(Source.TRACE_BLOCK, 15, 99),
            new PromptSegment(Source.UNIQUE, 3, 5));

    assertThat(cl100k.countTokensOrdinary(renderer.render(mooncakeLike))).isEqualTo(1128);
  }

  @Test
  void equalSegmentsShareTheirTextSoPrefixesAreCacheable() {
    PromptSegment system = new PromptSegment(Source.SHARED_PREFIX, 2, 300);
    String a = renderer.render(request(0, system, new PromptSegment(Source.UNIQUE, 0, 50)));
    String b = renderer.render(request(1, system, new PromptSegment(Source.UNIQUE, 1, 50)));
    String prefix = renderer.render(request(9, system));

    assertThat(a).startsWith(prefix);
    assertThat(b).startsWith(prefix);
    assertThat(a).isNotEqualTo(b);
    // A block cut short by the prompt's end is a prefix of the whole block.
    String whole = renderer.render(request(0, new PromptSegment(Source.TRACE_BLOCK, 8, 512)));
    String cut = renderer.render(request(1, new PromptSegment(Source.TRACE_BLOCK, 8, 40)));
    assertThat(whole).startsWith(cut);
  }

  @Test
  void anotherSaltGivesOtherText() {
    PromptRenderer other = PromptRenderer.create("cl100k_base", 8);
    WorkloadRequest r = request(0, new PromptSegment(Source.UNIQUE, 0, 64));

    assertThat(other.render(r)).isNotEqualTo(renderer.render(r));
    assertThat(PromptRenderer.create("cl100k_base", 7).render(r)).isEqualTo(renderer.render(r));
  }

  private static WorkloadRequest request(long index, PromptSegment... segments) {
    return new WorkloadRequest(index, List.of(segments), 1);
  }
}
