package dev.llmscale.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: wires the streams, runs the command line and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line; returns the process exit code (see {@link ExitCodes}). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = LlmscaleCommand.commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }
}
