package dev.llmscale.core.perf;

import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Builds a {@link PerformanceModel} from the kind name users write in scenarios and on the CLI. */
public final class PerformanceModels {

  /** The kind names {@link #create} accepts. */
  public static final List<String> KINDS = List.of("roofline", "polynomial", "profile");

  private PerformanceModels() {}

  /**
   * @param kind {@code roofline} (from the catalog specs, default efficiencies), {@code polynomial}
   *     (the Llama-3.1-8B / H100 fit, whatever the model and GPU) or {@code profile} (the measured
   *     table in {@code profile})
   * @param profile profile file; required for {@code profile}, ignored otherwise
   */
  public static PerformanceModel create(String kind, ModelSpec model, GpuSpec gpu, Path profile) {
    return create(kind, model, gpu, profile, 1);
  }

  /** As {@link #create(String, ModelSpec, GpuSpec, Path)} with a replica spanning several GPUs. */
  public static PerformanceModel create(
      String kind, ModelSpec model, GpuSpec gpu, Path profile, int tensorParallel) {
    return switch (kind.strip().toLowerCase(Locale.ROOT)) {
      case "roofline" ->
          new RooflinePerformanceModel(model, gpu, RooflineEfficiency.DEFAULT, tensorParallel);
      case "polynomial" -> PolynomialPerformanceModel.LLAMA_8B_H100;
      case "profile" -> {
        if (profile == null) {
          throw new IllegalArgumentException("performance model 'profile' needs a profile file");
        }
        yield ProfiledPerformanceModel.load(profile);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown performance model '" + kind + "'; known: " + String.join(", ", KINDS));
    };
  }
}
