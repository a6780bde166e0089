package dev.llmscale.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models and GPUs llmscale knows by name: the built-in {@code models.csv} and {@code gpus.csv}
 * shipped beside this class, plus any user catalog files merged on top. Immutable; merging returns
 * a new catalog in which a user row replaces the built-in row of the same id.
 *
 * <p>A user row replaces the spec of the same id but keeps the built-in names, so a price override
 * needs no aliases column. Lookup ignores case and accepts an entry's id, its published name
 * ({@code Qwen/Qwen3-0.6B}) or any of its aliases ({@code h100-80gb}). A name that matches nothing
 * throws a {@link CatalogException} listing the known ids, because a typo in a scenario file should
 * fail loudly.
 */
public final class Catalog {

  private static final Catalog BUILT_IN = loadBuiltIn();

  private final Index<ModelSpec> models;
  private final Index<GpuSpec> gpus;

  private Catalog(Index<ModelSpec> models, Index<GpuSpec> gpus) {
    this.models = models;
    this.gpus = gpus;
  }

  /** The catalog shipped with llmscale. */
  public static Catalog builtIn() {
    return BUILT_IN;
  }

  /** The built-in catalog with the given model or GPU CSV files merged on top, in order. */
  public static Catalog builtInWith(List<Path> files) {
    Catalog catalog = BUILT_IN;
    for (Path file : files) {
      catalog = catalog.withFile(file);
    }
    return catalog;
  }

  /**
   * This catalog with one more CSV file merged on top; the header decides whether it holds models
   * or GPUs (the built-in files show both formats).
   */
  public Catalog withFile(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return withCsv(reader, file.toString());
    } catch (IOException e) {
      throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * This catalog with CSV text from {@code reader} merged on top; {@code source} names it in
   * errors.
   */
  public Catalog withCsv(Reader reader, String source) {
    CatalogFile file = CatalogFile.read(reader, source);
    return new Catalog(models.merge(file.models()), gpus.merge(file.gpus()));
  }

  /** The model called {@code name} (id, published name or alias, any case). */
  public ModelSpec model(String name) {
    return models.find(name).orElseThrow(() -> unknown("model", name, models));
  }

  /** The GPU called {@code name} (id, marketing name or alias, any case). */
  public GpuSpec gpu(String name) {
    return gpus.find(name).orElseThrow(() -> unknown("GPU", name, gpus));
  }

  public Optional<ModelSpec> findModel(String name) {
    return models.find(name);
  }

  public Optional<GpuSpec> findGpu(String name) {
    return gpus.find(name);
  }

  /** All models, built-in ones first, in file order. */
  public List<ModelSpec> models() {
    return models.specs();
  }

  /** All GPUs, built-in ones first, in file order. */
  public List<GpuSpec> gpus() {
    return gpus.specs();
  }

  private static CatalogException unknown(String kind, String name, Index<?> index) {
    return new CatalogException(
        "unknown " + kind + " '" + name + "'; known: " + String.join(", ", index.ids()));
  }

  private static Catalog loadBuiltIn() {
    Catalog empty = new Catalog(new Index<>(Map.of()), new Index<>(Map.of()));
    return empty.withResource("models.csv").withResource("gpus.csv");
  }

  private Catalog withResource(String name) {
    InputStream in = Catalog.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("built-in catalog resource missing: " + name);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return withCsv(reader, "built-in " + name);
    } catch (IOException e) {
      throw new CatalogException("built-in " + name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Entries by id in insertion order; lookup by any of their names, the latest entry winning. */
  private record Index<T>(Map<String, CatalogFile.Entry<T>> byId) {

    Index<T> merge(List<CatalogFile.Entry<T>> entries) {
      Map<String, CatalogFile.Entry<T>> merged = new LinkedHashMap<>(byId);
      for (CatalogFile.Entry<T> entry : entries) {
        merged.merge(entry.id(), entry, Index::override);
      }
      return new Index<>(Collections.unmodifiableMap(merged));
    }

    /** The newer spec, still found by the older entry's names (a price override keeps aliases). */
    private static <T> CatalogFile.Entry<T> override(
        CatalogFile.Entry<T> older, CatalogFile.Entry<T> newer) {
      Set<String> names = new LinkedHashSet<>(newer.names());
      names.addAll(older.names());
      return new CatalogFile.Entry<>(newer.id(), newer.spec(), List.copyOf(names));
    }

    Optional<T> find(String name) {
      String key = name.strip().toLowerCase(Locale.ROOT);
      CatalogFile.Entry<T> exact = byId.get(key);
      if (exact != null) {
        return Optional.of(exact.spec());
      }
      CatalogFile.Entry<T> match = null;
      for (CatalogFile.Entry<T> entry : byId.values()) {
        if (entry.names().contains(key)) {
          match = entry; // later entries (user files) win over earlier ones
        }
      }
      return Optional.ofNullable(match).map(CatalogFile.Entry::spec);
    }

    List<T> specs() {
      return byId.values().stream().map(CatalogFile.Entry::spec).toList();
    }

    List<String> ids() {
      return new ArrayList<>(byId.keySet());
    }
  }
}
