package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input to {@code loadgen} and {@code profile}: one line, exit code 2, nothing sent. */
class LoadgenCommandTest {
  private static final String URL = "--url http://127.0.0.1:9 ";
  private static final String PROFILE = "profile --url http://127.0.0.1:9 --output p ";

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "loadgen --help                                     | 0 | --concurrency",
        "profile --help                                     | 0 | --decode-tokens",
        "loadgen --rate 1 --count 1                         | 2 | Missing required option",
        URL + "--count 5                                    | 2 | --rate or --concurrency",
        URL + "--rate 8                                     | 2 | say --count or --duration",
        URL + "--rate 0 --count 1                           | 2 | rate must be a positive number",
        URL + "--rate 1 --count 0                           | 2 | --count must be > 0",
        URL + "--concurrency 0 --count 1                    | 2 | --concurrency must be > 0",
        URL + "--rate 1 --count 1 --arrival burst           | 2 | unknown --arrival 'burst'",
        URL + "--rate 1 --count 1 --endpoint embeddings     | 2 | unknown endpoint 'embeddings'",
        URL + "--rate 1 --count 1 --isl 0                   | 2 | --isl and --osl must be > 0",
        URL
            + "--rate 1 --count 1 --prefix-prompts 4        | 2 | --prefix-prompts and --prefix-tokens go together",
        URL + "--rate 1 --count 1 --slo-ttft 300ms          | 2 | need --streaming",
        URL
            + "--rate 1 --count 1 --extra-body [1]          | 2 | --extra-body must be a JSON object",
        URL + "--rate 1 --count 1 --extra-body {x           | 2 | --extra-body is not JSON",
        URL + "--rate 1 --count 1 --duration soon           | 2 | 'soon' is not a duration",
        URL + "--rate 1 --count 1 --progress loud           | 2 | unknown --progress 'loud'",
        URL + "--rate 1 --count 1 --trace none.csv          | 2 | none.csv: cannot read",
        URL + "--rate 1 --count 1 --trace t.txt             | 2 | cannot tell the format of t.txt",
        URL + "--count 1 --trace t.csv --isl 5              | 2 | --trace replays the trace",
        "loadgen --url ftp://h --rate 1 --count 1           | 2 | URL must start with http",
        "profile --url http://127.0.0.1:9                   | 2 | Missing required option",
        PROFILE + "--batches 0                             | 2 | sweep values must be > 0",
        PROFILE + "--decode-tokens 2                       | 2 | decode tokens >= 8",
      })
  void exitCodesAndMessages(String args, int exitCode, String expected) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = args.strip().split("\\s+");
    if (!argv[0].equals("loadgen") && !argv[0].equals("profile")) {
      String[] withCommand = new String[argv.length + 1];
      withCommand[0] = "loadgen";
      System.arraycopy(argv, 0, withCommand, 1, argv.length);
      argv = withCommand;
    }

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), argv);

    assertThat(code).as(err.toString()).isEqualTo(exitCode);
    assertThat(out + "" + err).contains(expected);
    if (exitCode != 0) {
      assertThat(err.toString().strip().lines().count()).as(err.toString()).isLessThanOrEqualTo(2);
    }
  }
}
