package dev.llmscale.cli;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import dev.llmscale.core.perf.PerformanceModel;
import dev.llmscale.core.perf.PerformanceModels;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags that choose how step times are computed, shared by the commands that model an engine
 * ({@code emulator}, {@code size}): the performance model, its measured profile, extra catalogs.
 */
final class PerformanceModelOptions {

  @Option(
      names = "--perf-model",
      defaultValue = "roofline",
      description = "Step timing: roofline, polynomial or profile (default: ${DEFAULT-VALUE}).")
  String perfModel;

  @Option(names = "--profile", description = "Measured profile file for --perf-model profile.")
  Path profile;

  @Option(
      names = "--catalog",
      description = "Extra model or GPU catalog CSV (repeatable); rows override built-ins by id.")
  List<Path> catalogs = List.of();

  /** The built-in catalogs with the user's files on top. */
  Catalog catalog() {
    return Catalog.builtInWith(catalogs);
  }

  /** The chosen performance model of {@code model} on {@code gpus} × {@code gpu}. */
  PerformanceModel create(ModelSpec model, GpuSpec gpu, int gpus) {
    return PerformanceModels.create(perfModel, model, gpu, profile, gpus);
  }
}
