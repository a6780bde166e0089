package dev.llmscale.autoscaler.config;

/** Where the autoscaler reads its metrics: {@code source.prometheus} or {@code source.scrape}. */
public sealed interface SourceSpec permits PrometheusSourceSpec, ScrapeSourceSpec {}
