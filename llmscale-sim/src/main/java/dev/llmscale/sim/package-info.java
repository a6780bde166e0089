/**
 * The fleet simulator: the core engine scheduler, routers and scaling policies driven by a virtual
 * clock, so hours of traffic replay in seconds with the same code the live system runs.
 */
package dev.llmscale.sim;
