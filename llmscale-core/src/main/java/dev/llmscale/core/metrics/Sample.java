package dev.llmscale.core.metrics;

import java.util.Objects;

/**
 * One value of one series: a line of a scrape, or an element of an instant vector. The value may be
 * NaN or infinite, as exposed.
 */
public record Sample(Labels labels, double value) {

  public Sample {
    Objects.requireNonNull(labels, "labels");
  }

  @Override
  public String toString() {
    return labels + " " + value;
  }
}
