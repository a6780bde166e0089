package dev.llmscale.autoscaler.target.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectRefTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "core",
      textBlock =
          """
          apps/v1,             apps,       v1
          nvidia.com/v1alpha1, nvidia.com, v1alpha1
          v1,                  core,       v1
          """)
  void splitsApiVersionIntoGroupAndVersion(String apiVersion, String group, String version) {
    ObjectRef ref = new ObjectRef(apiVersion, "Kind", "llm", "decode");
    assertThat(ref.group()).isEqualTo(group);
    assertThat(ref.version()).isEqualTo(version);
  }

  @ParameterizedTest
  @CsvSource({
    "apps/v1, Deployment, Deployment/llm/decode",
    "nvidia.com/v1alpha1, DynamoGraphDeploymentScalingAdapter,"
        + " DynamoGraphDeploymentScalingAdapter/llm/decode"
  })
  void printsKindNamespaceName(String apiVersion, String kind, String printed) {
    assertThat(new ObjectRef(apiVersion, kind, "llm", "decode")).hasToString(printed);
  }
}
