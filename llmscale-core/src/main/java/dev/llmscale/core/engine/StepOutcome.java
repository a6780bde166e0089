package dev.llmscale.core.engine;

import java.util.List;

/**
 * What a completed step produced.
 *
 * @param tokens output tokens, in request order, all stamped with the step's end time
 * @param finished requests that produced their last token in this step
 */
public record StepOutcome(List<TokenEvent> tokens, List<FinishedRequest> finished) {}
