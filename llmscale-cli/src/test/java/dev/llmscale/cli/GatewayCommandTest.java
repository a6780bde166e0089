package dev.llmscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code llmscale gateway} turns bad flags into one-line messages and exit code 2. */
class GatewayCommandTest {

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gateway --help                                           | 0 | --ttft-budget",
        "gateway                                                  | 2 | give the replicas with --upstream",
        "gateway --upstream localhost:8000                        | 2 | is not an http URL",
        "gateway --upstream https://a:8000                        | 2 | https upstreams are not supported",
        "gateway --upstream http://a:8000 --router random         | 2 | unknown router 'random' (known: round-robin, least-load, prefix-aware)",
        "gateway --upstream http://a:8000 --metrics-prefix a-b_   | 2 | not a Prometheus name prefix",
        "gateway --upstream http://a:8000 --ttft-budget soon      | 2 | 'soon' is not a duration",
        "gateway --upstream http://a:8000 --refusal-status 500    | 2 | must be 429 or 503",
        "gateway --upstreams-file /nonexistent/upstreams.txt      | 2 | cannot read --upstreams-file",
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
