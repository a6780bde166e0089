package dev.llmscale.autoscaler.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What {@link ScrapeMetricSource} scrapes and how.
 *
 * @param targets the {@code /metrics} URLs, typically the gateway's and the engines'
 * @param interval time between scrapes
 * @param timeout limit for one scrape, at most {@code interval}
 * @param retention how long samples are kept; at least the longest range a query reads plus an
 *     interval, longer than {@code interval} in any case
 */
public record ScrapeSourceOptions(
    List<URI> targets, Duration interval, Duration timeout, Duration retention) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

  public ScrapeSourceOptions {
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("at least one /metrics URL to scrape is required");
    }
    targets = List.copyOf(targets);
    for (URI target : targets) {
      if (!("http".equals(target.getScheme()) || "https".equals(target.getScheme()))
          || target.getHost() == null) {
        throw new IllegalArgumentException(
            "scrape targets must be http:// or https:// URLs with a host, found " + target);
      }
    }
    requirePositive("interval", interval);
    requirePositive("timeout", timeout);
    requirePositive("retention", retention);
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "the scrape timeout (" + timeout + ") must not exceed the interval (" + interval + ")");
    }
    if (retention.compareTo(interval) <= 0) {
      throw new IllegalArgumentException(
          "the retention (" + retention + ") must be longer than the interval (" + interval + ")");
    }
  }

  /** The targets with the default interval (5 s), timeout (2 s) and retention (10 min). */
  public static ScrapeSourceOptions of(List<URI> targets) {
    return new ScrapeSourceOptions(targets, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RETENTION);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }
}
