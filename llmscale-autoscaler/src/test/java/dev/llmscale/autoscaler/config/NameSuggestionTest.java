package dev.llmscale.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameSuggestionTest {
  private static final List<String> KNOWN =
      List.of(
          "pollingInterval",
          "cooldownPeriod",
          "minReplicaCount",
          "maxReplicaCount",
          "serverAddress",
          "maxNumSeqs",
          "triggers");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "pollingIntervall, pollingInterval",
        "PollingInterval, pollingInterval",
        "polingInterval, pollingInterval",
        "serverAdress, serverAddress",
        "cooldown, cooldownPeriod",
        "minReplicas, minReplicaCount",
        "maxReplicas, maxReplicaCount",
        "max-num-seqs, maxNumSeqs",
        "max_num_seqs, maxNumSeqs",
        "triggres, triggers",
        "query, none",
        "behavior, none",
      })
  void suggestsTheNameMeant(String typed, String expected) {
    assertThat(NameSuggestion.closest(typed, KNOWN).orElse(null)).isEqualTo(expected);
  }
}
