package dev.llmscale.gateway;

import dev.llmscale.openai.ApiError;

/** Where a request goes, or why it goes nowhere. */
sealed interface Route {

  /** Send it to this replica (already counted as in flight there). */
  record To(Upstream upstream) implements Route {}

  /** Answer the client with this error instead. */
  record Refused(ApiError error) implements Route {}
}
