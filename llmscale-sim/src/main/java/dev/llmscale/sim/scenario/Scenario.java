package dev.llmscale.sim.scenario;

import dev.llmscale.sim.SimulationSetup;
import dev.llmscale.sim.control.PolicySetup;
import dev.llmscale.sim.oracle.FleetOracle;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario file, resolved: the fleet and its workload, and the policies to compare on it.
 *
 * @param name the scenario's name
 * @param description what it shows, free text
 * @param setup everything a run needs but the policy
 * @param policies the policies the file configures, in file order
 * @param oracle the bound on GPU-hours the policies are compared with
 */
public record Scenario(
    String name,
    String description,
    SimulationSetup setup,
    List<PolicySetup> policies,
    FleetOracle oracle) {

  public Scenario {
    policies = List.copyOf(policies);
  }

  /** The labels of the configured policies ({@code threshold}, {@code slo-planner}). */
  public List<String> policyLabels() {
    List<String> labels = new ArrayList<>();
    for (PolicySetup policy : policies) {
      labels.add(policy.label());
    }
    return labels;
  }

  /**
   * The configured policy with {@code label}.
   *
   * @throws IllegalArgumentException if the scenario does not configure it
   */
  public PolicySetup policy(String label) {
    for (PolicySetup policy : policies) {
      if (policy.label().equals(label)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "scenario "
            + name
            + " configures no '"
            + label
            + "' policy (it has: "
            + (policies.isEmpty() ? "none" : String.join(", ", policyLabels()))
            + ")");
  }
}
