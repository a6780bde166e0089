package dev.llmscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code llmscale} command; every subcommand is a class of its own. */
@Command(
    name = "llmscale",
    mixinStandardHelpOptions = true,
    versionProvider = LlmscaleCommand.Version.class,
    description = "Keeps LLM inference fleets inside their latency SLOs at the lowest GPU cost.",
    subcommands = {
      EmulatorCommand.class,
      GatewayCommand.class,
      LoadgenCommand.class,
      ProfileCommand.class,
      AutoscaleCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      SizeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LlmscaleCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the error handling every subcommand shares. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new LlmscaleCommand());
    commandLine.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE);
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("llmscale: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("Try 'llmscale " + e.getCommandLine().getCommandName() + " --help'.");
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cl, parseResult) -> {
          if (e instanceof UsageException) {
            cl.getErr().println("llmscale " + cl.getCommandName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
          }
          cl.getErr().println("llmscale " + cl.getCommandName() + ": " + describe(e));
          return ExitCodes.FAILURE;
        });
    return commandLine;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = LlmscaleCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"llmscale " + properties.getProperty("version", "unknown")};
    }
  }
}
