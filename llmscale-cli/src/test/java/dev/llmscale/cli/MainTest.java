package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--version                                  | 0 | llmscale 0.1.0",
        "--help                                     | 0 | Usage: llmscale",
        "emulator --help                            | 0 | --max-num-seqs",
        "--bogus                                    | 2 | Unknown option: '--bogus'",
        "emulator --model nope                      | 2 | unknown model 'nope'; known: qwen3-0.6b",
        "emulator --gpu nope                        | 2 | unknown GPU 'nope'",
        "emulator --model llama-3.3-70b --gpu h100  | 2 | does not fit on 1 x h100",
        "emulator --startup-delay soon              | 2 | 'soon' is not a duration",
        "emulator --perf-model magic                | 2 | unknown performance model 'magic'",
        "emulator --perf-model profile              | 2 | needs a profile file",
        "emulator --max-num-seqs 0                  | 2 | max_num_seqs must be > 0",
        "emulator --max-model-len 50000             | 2 | exceeds qwen3-0.6b's context of 40960",
        "emulator --speed-up -1                     | 2 | speed-up must be a positive number",
      })
  void exitCodesAndMessages(String args, int exitCode, String expected) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.split("\\s+"));

    assertThat(code).isEqualTo(exitCode);
    assertThat(out + "" + err).contains(expected);
    if (exitCode != 0) {
      assertThat(err.toString().strip().lines().count()).as(err.toString()).isLessThanOrEqualTo(2);
    }
  }
}
