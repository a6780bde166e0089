package dev.llmscale.autoscaler;

import dev.llmscale.autoscaler.config.PrometheusSourceSpec;
import dev.llmscale.autoscaler.config.ScrapeSourceSpec;
import dev.llmscale.autoscaler.config.SourceSpec;
import dev.llmscale.autoscaler.source.Credentials;
import dev.llmscale.autoscaler.source.MetricSource;
import dev.llmscale.autoscaler.source.PrometheusMetricSource;
import dev.llmscale.autoscaler.source.PrometheusSourceOptions;
import dev.llmscale.autoscaler.source.ScrapeMetricSource;
import dev.llmscale.autoscaler.source.ScrapeSourceOptions;
import dev.llmscale.autoscaler.source.Secret;
import java.util.Optional;

/** Opens the metric source a configuration file's {@code source} block describes. */
final class MetricSources {
  private MetricSources() {}

  static MetricSource open(SourceSpec spec) {
    return switch (spec) {
      case PrometheusSourceSpec prometheus ->
          new PrometheusMetricSource(
              new PrometheusSourceOptions(
                  prometheus.serverAddress(),
                  prometheus.timeout(),
                  credentials(prometheus),
                  prometheus.customHeaders(),
                  Optional.empty()));
      case ScrapeSourceSpec scrape ->
          ScrapeMetricSource.start(
              new ScrapeSourceOptions(
                  scrape.targets(), scrape.interval(), scrape.timeout(), scrape.retention()));
    };
  }

  private static Credentials credentials(PrometheusSourceSpec spec) {
    if (spec.bearerToken().isPresent()) {
      return Credentials.bearer(Secret.inline(spec.bearerToken().get()));
    }
    if (spec.bearerTokenFile().isPresent()) {
      return Credentials.bearer(Secret.file(spec.bearerTokenFile().get()));
    }
    if (spec.username().isPresent()) {
      Secret password =
          spec.passwordFile().isPresent()
              ? Secret.file(spec.passwordFile().get())
              : Secret.inline(spec.password().orElse(""));
      return Credentials.basic(spec.username().get(), password);
    }
    return Credentials.NONE;
  }
}
