package dev.llmscale.cli.demo;

import dev.llmscale.autoscaler.source.MetricSource;
import java.io.IOException;
import java.net.URI;

/** Opens the metric source the demo's autoscaler reads, once the gateway is up. */
@FunctionalInterface
interface DemoMetricSources {
  MetricSource open(URI gatewayMetrics) throws IOException, InterruptedException;
}
