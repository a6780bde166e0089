package dev.llmscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An axis range widened to round numbers, with ticks at steps of 1, 2 or 5 times a power of ten.
 *
 * @param min lower end (a multiple of step)
 * @param max upper end (a multiple of step)
 * @param step distance between ticks
 */
record Axis(double min, double max, double step) {

  /** About {@code targetTicks} round ticks covering {@code [low, high]}. */
  static Axis of(double low, double high, int targetTicks) {
    double raw = (high - low) / Math.max(1, targetTicks);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double factor : new double[] {1, 2, 5, 10}) {
      step = factor * magnitude;
      if (step >= raw) {
        break;
      }
    }
    double min = Math.floor(low / step) * step;
    double max = Math.ceil(high / step) * step;
    if (max <= min) {
      max = min + step;
    }
    return new Axis(min, max, step);
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long count = Math.round((max - min) / step);
    for (long i = 0; i <= count; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }

  /** A tick's label with no more decimals than the step needs. */
  String label(double value) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
