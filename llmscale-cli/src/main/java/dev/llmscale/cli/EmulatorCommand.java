package dev.llmscale.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code llmscale emulator}: a live vLLM-like engine server. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = "Serve an OpenAI-compatible API that behaves like a vLLM engine, without a GPU.")
public final class EmulatorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.OK;
  }
}
