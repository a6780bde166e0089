package dev.llmscale.core.engine;

/** Why a request stopped generating, with the name the OpenAI API and vLLM's metrics use. */
public enum FinishReason {
  /** Generated {@code max_tokens} tokens. */
  LENGTH("length"),
  /** The model produced its stop token. */
  STOP("stop"),
  /** The client went away or the request was cancelled. */
  ABORT("abort");

  private final String apiName;

  FinishReason(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }
}
