package dev.llmscale.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmscale.core.perf.StepShape;
import dev.llmscale.sim.ConstantStepModel;
import org.junit.jupiter.api.Test;

class PerSequenceOverheadTest {
  private final PerSequenceOverhead model =
      new PerSequenceOverhead(new ConstantStepModel(0.002, 0.007), 0.15e-3);

  @Test
  void chargesEachDecodingSequenceOnTopOfTheBaseStep() {
    assertThat(model.stepSeconds(StepShape.decode(10, 1000))).isCloseTo(0.0035, within(1e-12));
    assertThat(model.stepSeconds(new StepShape(3000, 4.5e6, 4, 8000)))
        .isCloseTo(0.0026, within(1e-12));
  }

  @Test
  void leavesPrefillOnlyStepsAndTheRequestOverheadAlone() {
    assertThat(model.stepSeconds(StepShape.prefill(3000))).isEqualTo(0.002);
    assertThat(model.requestOverheadSeconds()).isEqualTo(0.007);
  }

  @Test
  void rejectsANegativeOverheadNamingTheField() {
    assertThatThrownBy(() -> new PerSequenceOverhead(new ConstantStepModel(0.002, 0), -1e-3))
        .hasMessage("engine.perSequenceOverhead must be >= 0: -0.001 s");
  }
}
