package dev.llmscale.core.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmscale.core.catalog.Catalog;
import dev.llmscale.core.catalog.GpuSpec;
import dev.llmscale.core.catalog.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerformanceModelsTest {

  private static final ModelSpec QWEN = Catalog.builtIn().model("qwen3-0.6b");
  private static final GpuSpec H100 = Catalog.builtIn().gpu("h100");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "roofline,     RooflinePerformanceModel",
    "' Roofline ', RooflinePerformanceModel",
    "polynomial,   PolynomialPerformanceModel",
    "profile,      ProfiledPerformanceModel",
  })
  void buildsEachKindByName(String kind, String className) {
    PerformanceModel model =
        PerformanceModels.create(kind, QWEN, H100, ProfileTableTest.samplePath());
    assertThat(model.getClass().getSimpleName()).isEqualTo(className);
  }

  @Test
  void rejectsUnknownKindsAndAMissingProfile() {
    assertThatThrownBy(() -> PerformanceModels.create("magic", QWEN, H100, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown performance model 'magic'; known: roofline, polynomial, profile");
    assertThatThrownBy(() -> PerformanceModels.create("profile", QWEN, H100, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a profile file");
  }
}
