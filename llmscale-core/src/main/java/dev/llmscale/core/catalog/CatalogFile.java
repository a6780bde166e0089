package dev.llmscale.core.catalog;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed catalog file: either a model table or a GPU table, told apart by its header, with the
 * entries in file order. Knows the column names and units of both formats.
 */
record CatalogFile(List<Entry<ModelSpec>> models, List<Entry<GpuSpec>> gpus) {

  static final List<String> MODEL_COLUMNS =
      List.of(
          "id",
          "name",
          "parameters",
          "layers",
          "hidden_size",
          "attention_heads",
          "kv_heads",
          "head_dim",
          "dtype_bytes",
          "max_context");

  static final List<String> GPU_COLUMNS =
      List.of("id", "name", "memory_mib", "hbm_gb_per_s", "bf16_tflops", "dollars_per_hour");

  private static final long MIB = 1L << 20;

  /** A spec with the lower-case names it can be looked up by (id first, then name, aliases). */
  record Entry<T>(String id, T spec, List<String> names) {}

  static CatalogFile read(Reader reader, String source) {
    CsvTable table = CsvTable.read(reader, source);
    if (table.hasColumn("layers")) {
      table.requireColumns(MODEL_COLUMNS, "a model table");
      return new CatalogFile(entries(table, CatalogFile::model), List.of());
    }
    if (table.hasColumn("memory_mib")) {
      table.requireColumns(GPU_COLUMNS, "a GPU table");
      return new CatalogFile(List.of(), entries(table, CatalogFile::gpu));
    }
    throw new CatalogException(
        source
            + ": header is neither a model table (columns "
            + MODEL_COLUMNS
            + ") nor a GPU table (columns "
            + GPU_COLUMNS
            + ")");
  }

  private interface RowMapper<T> {
    T map(CsvTable.Row row, String id);
  }

  private static <T> List<Entry<T>> entries(CsvTable table, RowMapper<T> mapper) {
    List<Entry<T>> entries = new ArrayList<>();
    Map<String, Integer> firstLineOfId = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String id = row.text("id").toLowerCase(Locale.ROOT);
      Integer earlier = firstLineOfId.putIfAbsent(id, row.line());
      if (earlier != null) {
        throw row.error("id", "'" + id + "' is already defined on line " + earlier);
      }
      List<String> names = new ArrayList<>();
      names.add(id);
      names.add(row.text("name").toLowerCase(Locale.ROOT));
      Arrays.stream(row.optionalText("aliases").split("\\|"))
          .map(alias -> alias.strip().toLowerCase(Locale.ROOT))
          .filter(alias -> !alias.isEmpty())
          .forEach(names::add);
      entries.add(new Entry<>(id, mapper.map(row, id), List.copyOf(names)));
    }
    return List.copyOf(entries);
  }

  private static ModelSpec model(CsvTable.Row row, String id) {
    int attentionHeads = row.positiveInt("attention_heads");
    int kvHeads = row.positiveInt("kv_heads");
    if (attentionHeads % kvHeads != 0) {
      throw row.error("kv_heads", kvHeads + " does not divide attention_heads " + attentionHeads);
    }
    return new ModelSpec(
        id,
        row.text("name"),
        row.positiveLong("parameters"),
        row.positiveInt("layers"),
        row.positiveInt("hidden_size"),
        attentionHeads,
        kvHeads,
        row.positiveInt("head_dim"),
        row.positiveInt("dtype_bytes"),
        row.positiveInt("max_context"));
  }

  private static GpuSpec gpu(CsvTable.Row row, String id) {
    long memoryMib = row.positiveLong("memory_mib");
    if (memoryMib > Long.MAX_VALUE / MIB) {
      throw row.error("memory_mib", "value " + memoryMib + " is too large");
    }
    return new GpuSpec(
        id,
        row.text("name"),
        memoryMib * MIB,
        row.positiveDouble("hbm_gb_per_s") * 1e9,
        row.positiveDouble("bf16_tflops") * 1e12,
        row.nonNegativeDouble("dollars_per_hour"));
  }
}
