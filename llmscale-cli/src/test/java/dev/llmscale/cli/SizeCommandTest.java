package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code llmscale size}: the figures users read, and one-line errors with exit code 2. */
class SizeCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--model llama-3.1-8b --gpu a100-80gb --concurrency 200 --p95-input 500 --p95-output 300"
            + " | 0 | 131,072 bytes per token",
        "--model llama-3.1-8b --gpu a100-80gb --concurrency 200 --p95-input 500 --p95-output 300"
            + " | 0 | --max-model-len 2048",
        "--model mistral-7b --gpu a10 --concurrency 200                        | 0 | 12 replicas ="
            + " ceil(200 concurrent / 17 max-num-seqs)",
        "--model qwen3-0.6b --gpu h100 --rate 50 --input 500 --output 300 --api-input-price 2.50"
            + " --api-output-price 10.00 --fixed-daily 8.88 | 0 | break-even API $0.004250 per"
            + " request: self-hosting is cheaper above",
        "--model mistral-7b --gpu a10 --rate 5 --input 500 --output 300 --api-input-price 0.15"
            + " --api-output-price 0.60 | 0 | break-even never: a request costs $0.000354"
            + " self-hosted at capacity, $0.000255 through the API",
        "--model mistral-7b --gpu t4 --rate 5                                   | 2 | mistral-7b does"
            + " not fit on 1 x t4",
        "--model llama-3.1-8b --gpu a10 --rate 5 --slo-ttft 10ms                | 2 | is out of reach"
            + " for llama-3.1-8b on 1 x a10",
        "--model gpt-5 --gpu h100 --rate 5                                      | 2 | unknown model"
            + " 'gpt-5'",
        "--model qwen3-0.6b --gpu h100                                          | 2 | Missing required"
            + " argument",
        "--model qwen3-0.6b --gpu h100 --rate 5 --concurrency 3                 | 2 | mutually"
            + " exclusive",
        "--model qwen3-0.6b --gpu h100 --rate 5 --api-input-price 1             | 2 | --api-input-price"
            + " and --api-output-price go together",
      })
  void figuresAndErrors(String args, int exitCode, String expected) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = ("size " + args.strip()).split("\\s+");

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), argv);

    assertThat(code).as(out + "" + err).isEqualTo(exitCode);
    assertThat(out + "" + err).contains(expected);
    if (exitCode == ExitCodes.USAGE) {
      assertThat(err.toString().strip().lines().findFirst().orElseThrow()).contains(expected);
    }
  }
}
