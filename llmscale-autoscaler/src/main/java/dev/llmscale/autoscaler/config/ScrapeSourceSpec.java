package dev.llmscale.autoscaler.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code source.scrape}: no Prometheus; the autoscaler scrapes the gateway's (or engines') {@code
 * /metrics} itself, keeps the samples for {@code retention} and evaluates the queries over them.
 *
 * @param targets the {@code /metrics} URLs to scrape
 * @param interval time between scrapes (default 5 s)
 * @param timeout limit for one scrape (default 2 s), at most {@code interval}
 * @param retention how long samples are kept (default 10 min); longer than any range a query reads
 */
public record ScrapeSourceSpec(
    List<URI> targets, Duration interval, Duration timeout, Duration retention)
    implements SourceSpec {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

  public ScrapeSourceSpec {
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("targets: at least one /metrics URL is required");
    }
    targets = List.copyOf(targets);
    for (URI target : targets) {
      if (!("http".equals(target.getScheme()) || "https".equals(target.getScheme()))
          || target.getHost() == null) {
        throw new IllegalArgumentException(
            "targets: expected http:// or https:// URLs with a host, found " + target);
      }
    }
    requirePositive("interval", interval);
    requirePositive("timeout", timeout);
    requirePositive("retention", retention);
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "timeout ("
              + DurationText.format(timeout)
              + ") must not exceed interval ("
              + DurationText.format(interval)
              + ")");
    }
    if (retention.compareTo(interval) <= 0) {
      throw new IllegalArgumentException(
          "retention ("
              + DurationText.format(retention)
              + ") must be longer than interval ("
              + DurationText.format(interval)
              + ")");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }
}
