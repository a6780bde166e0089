/** The OpenAI-compatible streaming gateway: proxying, routing, TTFT/ITL metrics, admission. */
package dev.llmscale.gateway;
