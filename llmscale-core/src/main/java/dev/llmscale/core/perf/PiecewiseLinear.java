package dev.llmscale.core.perf;

/**
 * A measured curve {@code y(x)}: linear between samples, continued past both ends along the end
 * segment. The samples are made non-decreasing (running maximum) and the end slopes are clamped at
 * 0, so measurement noise can never make more work faster; values are floored at 0.
 */
final class PiecewiseLinear {

  private final double[] xs;
  private final double[] ys;

  /**
   * @param xs strictly increasing sample positions (at least one)
   * @param ys values at those positions
   */
  PiecewiseLinear(double[] xs, double[] ys) {
    if (xs.length == 0 || xs.length != ys.length) {
      throw new IllegalArgumentException("need matching, non-empty samples");
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
    for (int i = 1; i < xs.length; i++) {
      if (!(xs[i] > xs[i - 1])) {
        throw new IllegalArgumentException("sample positions must increase strictly");
      }
      this.ys[i] = Math.max(this.ys[i], this.ys[i - 1]);
    }
  }

  double firstX() {
    return xs[0];
  }

  /** The curve at {@code x}, extrapolated linearly beyond the samples on both sides. */
  double at(double x) {
    int last = xs.length - 1;
    if (last == 0) {
      return ys[0];
    }
    int i;
    if (x <= xs[0]) {
      i = 0;
    } else if (x >= xs[last]) {
      i = last - 1;
    } else {
      i = segmentStartingBelow(x);
    }
    double slope = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
    return Math.max(0.0, ys[i] + slope * (x - xs[i]));
  }

  /** Like {@link #at} but held at the first sample's value below the first sample. */
  double atClampedBelow(double x) {
    return at(Math.max(x, xs[0]));
  }

  private int segmentStartingBelow(double x) {
    int lo = 0;
    int hi = xs.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
