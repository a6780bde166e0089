package dev.llmscale.autoscaler.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {
  private static final GenericKubernetesResource DGD =
      new GenericKubernetesResourceBuilder()
          .withApiVersion("nvidia.com/v1beta1")
          .withKind("DynamoGraphDeployment")
          .addToAdditionalProperties(
              "status",
              Map.of(
                  "state",
                  "successful",
                  "components",
                  Map.of("decode", Map.of("readyReplicas", 3))))
          .build();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          .status.components.decode.readyReplicas  | 3
          status.components.decode.readyReplicas   | 3
          .status.state                            | successful
          .status.components.prefill.readyReplicas |
          .status.readyReplicas                    |
          .spec.replicas                           |
          """)
  void readsTheValueOrNullWhereAnySegmentIsAbsent(String path, String expected) {
    Object value = FieldPath.parse(path).read(DGD);
    assertThat(value == null ? null : value.toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ".", "status..replicas", ".status.", "status.items[0]"})
  void rejectsWhatIsNotDottedFieldNames(String path) {
    assertThatThrownBy(() -> FieldPath.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + path + "'");
  }

  @ParameterizedTest
  @CsvSource({"status.readyReplicas, .status.readyReplicas", ".a.b, .a.b"})
  void printsWithTheLeadingDot(String path, String printed) {
    assertThat(FieldPath.parse(path)).hasToString(printed);
    assertThat(FieldPath.parse(path).segments())
        .isEqualTo(List.of(printed.substring(1).split("\\.")));
  }
}
