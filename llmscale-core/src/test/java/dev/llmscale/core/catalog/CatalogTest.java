package dev.llmscale.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {

  private static final Catalog BUILT_IN = Catalog.builtIn();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // id,          name,                               parameters, layers, hidden, heads, kv,
    // headDim, context
    "qwen3-0.6b,    Qwen/Qwen3-0.6B,                    751632384,   28,    1024,   16,    8,  128,     40960",
    "llama-3.1-8b,  meta-llama/Llama-3.1-8B-Instruct,   8030261248,  32,    4096,   32,    8,  128,     131072",
    "qwen2.5-7b,    Qwen/Qwen2.5-7B-Instruct,           7615616512,  28,    3584,   28,    4,  128,     32768",
    "mistral-7b,    mistralai/Mistral-7B-Instruct-v0.3, 7248023552,  32,    4096,   32,    8,  128,     32768",
    "llama-3.3-70b, meta-llama/Llama-3.3-70B-Instruct,  70553706496, 80,    8192,   64,    8,  128,     131072",
  })
  void builtInModelsCarryTheirPublishedConfig(
      String id,
      String name,
      long parameters,
      int layers,
      int hidden,
      int heads,
      int kvHeads,
      int headDim,
      int context) {
    assertThat(BUILT_IN.model(id))
        .isEqualTo(
            new ModelSpec(
                id, name, parameters, layers, hidden, heads, kvHeads, headDim, 2, context));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // id,      memory MiB, GB/s, TFLOPS, $/h
    "t4,        15360,      320,  65,     0.53",
    "a10,       23028,      600,  125,    1.00",
    "a100-80gb, 81920,      2039, 312,    3.67",
    "h100,      81559,      3350, 989,    6.98",
    "h200,      143771,     4800, 989,    10.60",
  })
  void builtInGpusConvertUnitsToBytesAndFlops(
      String id, long memoryMib, double gbPerSecond, double tflops, double dollarsPerHour) {
    GpuSpec gpu = BUILT_IN.gpu(id);
    assertThat(gpu.id()).isEqualTo(id);
    assertThat(gpu.memoryBytes()).isEqualTo(memoryMib * 1024 * 1024);
    assertThat(gpu.hbmBytesPerSecond()).isEqualTo(gbPerSecond * 1e9);
    assertThat(gpu.bf16Flops()).isEqualTo(tflops * 1e12);
    assertThat(gpu.dollarsPerHour()).isEqualTo(dollarsPerHour);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Qwen/Qwen3-0.6B,                  qwen3-0.6b",
    "qwen/qwen3-0.6b,                  qwen3-0.6b",
    "QWEN3-0.6B,                       qwen3-0.6b",
    "' llama-3.1-8b ',                 llama-3.1-8b",
    "meta-llama/Llama-3.1-8B,          llama-3.1-8b",
    "meta-llama/Meta-Llama-3.1-8B-Instruct, llama-3.1-8b",
    "mistral-7b-v0.3,                  mistral-7b",
    "Qwen/Qwen2.5-7B,                  qwen2.5-7b",
    "llama-3.3-70b-instruct,           llama-3.3-70b",
  })
  void modelsAreFoundByIdNameOrAliasIgnoringCase(String name, String id) {
    assertThat(BUILT_IN.model(name).id()).isEqualTo(id);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "H100,               h100",
    "h100-80gb,          h100",
    "NVIDIA H100 80GB HBM3 SXM, h100",
    "a100,               a100-80gb",
    "A100-80GB,          a100-80gb",
    "nvidia-t4,          t4",
    "h200-141gb,         h200",
    "a10-24gb,           a10",
  })
  void gpusAreFoundByIdNameOrAliasIgnoringCase(String name, String id) {
    assertThat(BUILT_IN.gpu(name).id()).isEqualTo(id);
  }

  @Test
  void derivedSizesMatchHandComputation() {
    ModelSpec llama = BUILT_IN.model("llama-3.1-8b");
    assertThat(llama.weightBytes()).isEqualTo(16_060_522_496L);
    assertThat(llama.kvBytesPerToken())
        .isEqualTo(128 * 1024); // 2 * 32 layers * 8 heads * 128 * 2 B
    assertThat(BUILT_IN.model("qwen3-0.6b").kvBytesPerToken()).isEqualTo(112 * 1024);
  }

  @Test
  void unknownNamesFailListingTheKnownIds() {
    assertThatThrownBy(() -> BUILT_IN.model("foo"))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "unknown model 'foo'; known: qwen3-0.6b, llama-3.1-8b, qwen2.5-7b, mistral-7b,"
                + " llama-3.3-70b");
    assertThatThrownBy(() -> BUILT_IN.gpu("b200"))
        .isInstanceOf(CatalogException.class)
        .hasMessage("unknown GPU 'b200'; known: t4, a10, a100-80gb, h100, h200");
    assertThat(BUILT_IN.findModel("foo")).isEmpty();
  }

  @Test
  void userFilesOverrideBuiltInsByIdAndAddNewEntries(@TempDir Path dir) throws IOException {
    Path gpus = dir.resolve("my-gpus.csv");
    Files.writeString(
        gpus,
        """
        # our negotiated prices; columns in a different order on purpose
        dollars_per_hour,id,name,memory_mib,hbm_gb_per_s,bf16_tflops,aliases
        2.50,h100,NVIDIA H100 (reserved),81559,3350,989,
        1.80,l40s,NVIDIA L40S 48GB,46068,864,362,L40S-48GB|nvidia-l40s
        """);
    Path models = dir.resolve("my-models.csv");
    Files.writeString(
        models,
        """
        id,name,parameters,layers,hidden_size,attention_heads,kv_heads,head_dim,dtype_bytes,max_context
        qwen3-0.6b,Qwen/Qwen3-0.6B,751632384,28,1024,16,8,128,1,40960
        """);

    Catalog catalog = Catalog.builtInWith(List.of(gpus, models));

    assertThat(catalog.gpu("h100").dollarsPerHour()).isEqualTo(2.50);
    assertThat(catalog.gpu("h100-80gb").name()).isEqualTo("NVIDIA H100 (reserved)");
    assertThat(catalog.gpu("l40s-48gb").memoryBytes()).isEqualTo(46068L << 20);
    assertThat(catalog.model("Qwen/Qwen3-0.6B").dtypeBytes()).isEqualTo(1);
    assertThat(catalog.gpus()).extracting(GpuSpec::id).endsWith("h200", "l40s").hasSize(6);
    assertThat(catalog.models()).hasSize(5);
    assertThat(BUILT_IN.gpu("h100").dollarsPerHour()).as("built-in untouched").isEqualTo(6.98);
  }

  private static final String MODEL_HEADER =
      "id,name,parameters,layers,hidden_size,attention_heads,kv_heads,head_dim,dtype_bytes,"
          + "max_context\n";

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      quoteCharacter = '"',
      delimiterString = "||",
      value = {
        "m,Q,100,28,1024,16,8,128,2||user.csv line 2: 9 cells, but the header has 10",
        "m,Q,1e9,28,1024,16,8,128,2,40960||user.csv line 2, column 'parameters': expected a positive integer, got '1e9'",
        "m,Q,100,28,1024,16,8,128,2,40960,extra||user.csv line 2: 11 cells, but the header has 10",
        "m,Q,100,x,1024,16,8,128,2,40960||user.csv line 2, column 'layers': expected a positive integer, got 'x'",
        "m,Q,100,-3,1024,16,8,128,2,40960||user.csv line 2, column 'layers': expected a positive integer, got '-3'",
        "m,,100,28,1024,16,8,128,2,40960||user.csv line 2, column 'name': must not be empty",
        "m,Q,100,28,1024,16,5,128,2,40960||user.csv line 2, column 'kv_heads': 5 does not divide attention_heads 16",
        "m,Q,100,28,1024,16,8,128,2,40960\\nM,Q2,100,28,1024,16,8,128,2,40960||user.csv line 3, column 'id': 'm' is already defined on line 2",
      })
  void malformedModelRowsNameFileLineAndColumn(String rows, String message) {
    String text = MODEL_HEADER + rows.replace("\\n", "\n");
    assertThatThrownBy(() -> BUILT_IN.withCsv(new StringReader(text), "user.csv"))
        .isInstanceOf(CatalogException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      quoteCharacter = '"',
      delimiterString = "||",
      value = {
        "# only comments||user.csv: no header row (the file is empty or all comments)",
        "id,name,color||user.csv: header is neither a model table",
        "id,name,layers||user.csv line 1: a model table lacks columns [parameters, hidden_size,",
        "id,name,memory_mib,hbm_gb_per_s||user.csv line 1: a GPU table lacks columns [bf16_tflops, dollars_per_hour]",
        "id,id,layers||user.csv line 1: empty or repeated column name 'id'",
      })
  void badHeadersAreRejected(String text, String messageStart) {
    assertThatThrownBy(() -> BUILT_IN.withCsv(new StringReader(text), "user.csv"))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith(messageStart);
  }

  @Test
  void errorsInFilesNameThePath(@TempDir Path dir) throws IOException {
    Path gpus = dir.resolve("gpus.csv");
    Files.writeString(
        gpus,
        "# header comment\nid,name,memory_mib,hbm_gb_per_s,bf16_tflops,dollars_per_hour\n"
            + "x,X,1024,fast,10,1\n");
    assertThatThrownBy(() -> BUILT_IN.withFile(gpus))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            gpus + " line 3, column 'hbm_gb_per_s': expected a positive number, got 'fast'");
    assertThatThrownBy(() -> BUILT_IN.withFile(dir.resolve("missing.csv")))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith(dir.resolve("missing.csv") + ": cannot read");
  }
}
