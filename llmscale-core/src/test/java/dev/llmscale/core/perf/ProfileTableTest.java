package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmscale.core.perf.ProfileTable.DecodePoint;
import dev.llmscale.core.perf.ProfileTable.PrefillPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileTableTest {

  static final String MAGIC = ProfileTable.MAGIC + "\n";

  static ProfileTable sample() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("model", "Qwen/Qwen3-0.6B");
    properties.put("gpu", "h100");
    properties.put("engine", "vllm 0.11.0, max_num_seqs=256");
    return new ProfileTable(
        properties,
        List.of(
            new PrefillPoint(4096, 60.25), new PrefillPoint(512, 12.0), new PrefillPoint(1, 9.1)),
        List.of(
            new DecodePoint(64, 2048, 4.75),
            new DecodePoint(1, 512, 2.3),
            new DecodePoint(256, 512, 7.0 / 3),
            new DecodePoint(64, 512, 3.1)));
  }

  @Test
  void writesTheDocumentedFormatSorted() {
    assertThat(sample().toText())
        .isEqualTo(
            """
            # llmscale-profile v1
            model=Qwen/Qwen3-0.6B
            gpu=h100
            engine=vllm 0.11.0, max_num_seqs=256

            [prefill]
            input_tokens,ttft_ms
            1,9.1
            512,12.0
            4096,60.25

            [decode]
            batch,context_tokens,itl_ms
            1,512,2.3
            64,512,3.1
            256,512,2.3333333333333335
            64,2048,4.75
            """);
  }

  @Test
  void roundTripsExactly() {
    ProfileTable table = sample();
    assertThat(ProfileTable.parse(table.toText(), "round-trip")).isEqualTo(table);
  }

  @Test
  void readsFilesWithCommentsBlankLinesAndUnsortedRows() throws IOException {
    ProfileTable table = ProfileTable.load(samplePath());

    assertThat(table.model()).contains("meta-llama/Llama-3.1-8B-Instruct");
    assertThat(table.gpu()).contains("h100");
    assertThat(table.properties()).containsEntry("engine", "vllm");
    assertThat(table.requestOverheadMs()).isEmpty();
    assertThat(table.prefill()).hasSize(4).first().isEqualTo(new PrefillPoint(128, 18.5));
    assertThat(table.decode())
        .extracting(DecodePoint::contextTokens, DecodePoint::batch)
        .containsExactly(
            tuple(1024, 1), tuple(1024, 16), tuple(1024, 64), tuple(8192, 1), tuple(8192, 64));
  }

  static Path samplePath() {
    try {
      return Path.of(ProfileTableTest.class.getResource("llama-8b-h100-sample.profile").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String PREFILL = "[prefill]\\ninput_tokens,ttft_ms\\n128,10\\n";
  private static final String DECODE = "[decode]\\nbatch,context_tokens,itl_ms\\n1,512,3\\n";

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      quoteCharacter = '"',
      delimiterString = "||",
      value = {
        "||p.txt: empty file, expected '# llmscale-profile v1'",
        "# llmscale-profile v2||p.txt line 1: expected '# llmscale-profile v1' as the first line, got '# llmscale-profile v2'",
        "MAGIC[prefill]\\ninput_tokens,ttft\\n||p.txt line 3: expected the column header 'input_tokens,ttft_ms', got 'input_tokens,ttft'",
        "MAGIC[prefill]\\ninput_tokens,ttft_ms\\n128,abc\\n||p.txt line 4: column ttft_ms: expected a positive number, got 'abc'",
        "MAGIC[prefill]\\ninput_tokens,ttft_ms\\n128,1\\n128,2\\n||p.txt line 5: input_tokens 128 repeats the row on line 4",
        "MAGIC[prefill]\\ninput_tokens,ttft_ms\\n-5,1\\n||p.txt line 4: column input_tokens: expected a positive integer, got '-5'",
        "MAGIC[decode]\\nbatch,context_tokens,itl_ms\\n1,2\\n||p.txt line 4: expected 3 cells (batch,context_tokens,itl_ms), got '1,2'",
        "MAGIC[decode]\\nbatch,context_tokens,itl_ms\\n0,512,3\\n||p.txt line 4: column batch: expected a positive integer, got '0'",
        "MAGIC[warmup]\\n||p.txt line 2: unknown section [warmup]; expected [prefill] or [decode]",
        "MAGICmodel\\n||p.txt line 2: expected key=value or a [section], got 'model'",
        "MAGICgpu=h100\\ngpu=h200\\n||p.txt line 3: property 'gpu' repeats the one on line 2",
        "MAGICrequest_overhead_ms=-3\\n||p.txt line 2: request_overhead_ms must be a number >= 0, got '-3'",
        "MAGICPREFILL||p.txt: needs a [prefill] and a [decode] section, each with at least one row",
        "MAGICPREFILLDECODE[prefill]\\n||p.txt line 8: section [prefill] repeats the one on line 2",
        "MAGICPREFILLDECODEmodel=x\\n||p.txt line 8: expected 3 cells (batch,context_tokens,itl_ms), got 'model=x'",
      })
  void malformedProfilesNameFileAndLine(String text, String message) {
    String profile =
        (text == null ? "" : text)
            .replace("MAGIC", MAGIC)
            .replace("PREFILL", PREFILL)
            .replace("DECODE", DECODE)
            .replace("\\n", "\n");
    assertThatThrownBy(() -> ProfileTable.parse(profile, "p.txt"))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessage(message);
  }

  @Test
  void loadErrorsNameThePathAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.profile");
    Files.writeString(file, MAGIC + "\n[prefill]\ninput_tokens,ttft_ms\n100,slow\n");

    assertThatThrownBy(() -> ProfileTable.load(file))
        .isInstanceOfSatisfying(
            ProfileFormatException.class,
            e -> {
              assertThat(e.source()).isEqualTo(file.toString());
              assertThat(e.line()).isEqualTo(5);
            })
        .hasMessage(file + " line 5: column ttft_ms: expected a positive number, got 'slow'");
    assertThatThrownBy(() -> ProfileTable.load(dir.resolve("none.profile")))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(dir.resolve("none.profile") + ": cannot read");
  }

  @Test
  void tablesAreValidatedWhenBuiltInCode() {
    List<PrefillPoint> prefill = List.of(new PrefillPoint(1, 1));
    List<DecodePoint> decode = List.of(new DecodePoint(1, 0, 1));
    assertThatThrownBy(() -> new ProfileTable(Map.of(), List.of(), decode))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProfileTable(Map.of("bad key", "x"), prefill, decode))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProfileTable(Map.of("k", "a\nb"), prefill, decode))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ProfileTable(Map.of(), List.of(prefill.get(0), prefill.get(0)), decode))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PrefillPoint(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
