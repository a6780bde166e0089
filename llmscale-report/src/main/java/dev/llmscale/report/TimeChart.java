package dev.llmscale.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over time as standalone SVG: series, horizontal reference lines (an SLO), shaded
 * time bands (a burst), axes with round ticks and a legend. Written by hand so a report needs no
 * script and no library to render: any browser shows it, and tests can count its elements.
 */
public final class TimeChart {
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };
  private static final double DEFAULT_WIDTH = 1.8;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 36;
  private static final int BOTTOM = 64;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Double> widths = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();
  private double yMinimum = 0;
  private double yMaximum = Double.NaN;

  private record Reference(String label, double y) {}

  private record Band(String label, double from, double to) {}

  public TimeChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public TimeChart add(Series line) {
    return add(line, DEFAULT_WIDTH);
  }

  /**
   * Adds a line drawn {@code strokeWidth} pixels wide. Where lines share values (replicas desired,
   * existing, ready), add the widest first: each later, thinner line leaves the earlier ones
   * showing along its edges instead of hiding them.
   */
  public TimeChart add(Series line, double strokeWidth) {
    if (!(strokeWidth > 0)) {
      throw new IllegalArgumentException("stroke width must be > 0: " + strokeWidth);
    }
    series.add(line);
    widths.add(strokeWidth);
    return this;
  }

  /** A horizontal dashed line at {@code y}, e.g. the SLO. */
  public TimeChart reference(String label, double y) {
    references.add(new Reference(label, y));
    return this;
  }

  /** A shaded stretch of time, e.g. the burst. */
  public TimeChart band(String label, double from, double to) {
    bands.add(new Band(label, from, to));
    return this;
  }

  /** Caps the y axis (values above are clipped to the top); NaN for automatic. */
  public TimeChart yMaximum(double value) {
    yMaximum = value;
    return this;
  }

  /** The y axis starts here (default 0). */
  public TimeChart yMinimum(double value) {
    yMinimum = value;
    return this;
  }

  /** The chart as an {@code <svg>} element. */
  public String svg(int width, int height) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        xMin = Math.min(xMin, s.xAt(i));
        xMax = Math.max(xMax, s.xAt(i));
        if (Double.isFinite(s.yAt(i))) {
          yMax = Math.max(yMax, s.yAt(i));
        }
      }
    }
    for (Reference r : references) {
      yMax = Math.max(yMax, r.y * 1.1);
    }
    if (!Double.isFinite(xMin)) {
      xMin = 0;
      xMax = 1;
    }
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    if (!Double.isFinite(yMax) || yMax <= yMinimum) {
      yMax = yMinimum + 1;
    }
    if (Double.isFinite(yMaximum)) {
      yMax = yMaximum;
    }
    Axis xAxis = Axis.of(xMin, xMax, 8);
    Axis yAxis = Axis.of(yMinimum, yMax, 6);
    Plot plot = new Plot(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM, xAxis, yAxis);

    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
            width,
            height,
            width,
            height,
            Html.escape(title)));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    text(svg, LEFT, 20, title, "start", "font-weight:600;font-size:14px");
    for (Band band : bands) {
      double x0 = plot.x(Math.max(band.from, xAxis.min()));
      double x1 = plot.x(Math.min(band.to, xAxis.max()));
      if (x1 > x0) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"band\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"#f2e6c9\" opacity=\"0.6\"><title>%s</title></rect>",
                x0,
                plot.top,
                x1 - x0,
                plot.height,
                Html.escape(band.label)));
        text(svg, x0 + 4, plot.top + 12, band.label, "start", "font-size:10px;fill:#8a6d3b");
      }
    }
    drawAxes(svg, plot);
    for (Reference r : references) {
      double y = plot.y(r.y);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                  + " stroke=\"#555\" stroke-dasharray=\"6 4\" stroke-width=\"1.2\"/>",
              plot.left,
              y,
              plot.left + plot.width,
              y));
      text(svg, plot.left + plot.width - 4, y - 4, r.label, "end", "font-size:11px;fill:#555");
    }
    for (int k = 0; k < series.size(); k++) {
      drawSeries(svg, plot, series.get(k), COLORS[k % COLORS.length], widths.get(k));
    }
    drawLegend(svg, plot, height);
    svg.append("</svg>");
    return svg.toString();
  }

  private void drawAxes(StringBuilder svg, Plot plot) {
    svg.append("<g class=\"axes\" font-size=\"11\" fill=\"#333\">");
    for (double tick : plot.yAxis.ticks()) {
      double y = plot.y(tick);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>",
              plot.left,
              y,
              plot.left + plot.width,
              y));
      text(svg, plot.left - 6, y + 4, plot.yAxis.label(tick), "end", null);
    }
    for (double tick : plot.xAxis.ticks()) {
      double x = plot.x(tick);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>",
              x,
              plot.top + plot.height,
              x,
              plot.top + plot.height + 4));
      text(svg, x, plot.top + plot.height + 16, plot.xAxis.label(tick), "middle", null);
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
            plot.left,
            plot.top,
            plot.width,
            plot.height));
    text(svg, plot.left + plot.width / 2.0, plot.top + plot.height + 32, xLabel, "middle", null);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(14,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>",
            plot.top + plot.height / 2.0,
            Html.escape(yLabel)));
    svg.append("</g>");
  }

  private static void drawSeries(
      StringBuilder svg, Plot plot, Series s, String color, double width) {
    StringBuilder points = new StringBuilder();
    List<String> segments = new ArrayList<>();
    double previousY = Double.NaN;
    for (int i = 0; i < s.size(); i++) {
      double value = s.yAt(i);
      if (!Double.isFinite(value)) {
        if (!points.isEmpty()) {
          segments.add(points.toString());
          points.setLength(0);
        }
        previousY = Double.NaN;
        continue;
      }
      double x = plot.x(s.xAt(i));
      double y = plot.y(Math.min(value, plot.yAxis.max()));
      if (s.style() == Series.Style.STEP && Double.isFinite(previousY)) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
      }
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      previousY = y;
    }
    if (!points.isEmpty()) {
      segments.add(points.toString());
    }
    String dash = s.style() == Series.Style.DASHED ? " stroke-dasharray=\"5 3\"" : "";
    svg.append("<g class=\"series\" data-name=\"").append(Html.escape(s.name())).append("\">");
    for (String segment : segments) {
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"")
          .append(String.format(Locale.ROOT, "%.1f", width))
          .append('"')
          .append(dash)
          .append(" points=\"")
          .append(segment.strip())
          .append("\"/>");
    }
    svg.append("</g>");
  }

  private void drawLegend(StringBuilder svg, Plot plot, int height) {
    double x = plot.left;
    double y = height - 12;
    svg.append("<g class=\"legend\" font-size=\"11\">");
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String color = COLORS[k % COLORS.length];
      String dash = s.style() == Series.Style.DASHED ? " stroke-dasharray=\"5 3\"" : "";
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"2\"%s/>",
              x,
              y - 4,
              x + 18,
              y - 4,
              color,
              dash));
      text(svg, x + 22, y, s.name(), "start", null);
      x += 30 + 6.5 * s.name().length();
    }
    svg.append("</g>");
  }

  private static void text(
      StringBuilder svg, double x, double y, String text, String anchor, String style) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"", x, y))
        .append(" text-anchor=\"")
        .append(anchor)
        .append('"');
    if (style != null) {
      svg.append(" style=\"").append(style).append('"');
    }
    svg.append('>').append(Html.escape(text)).append("</text>");
  }

  private record Plot(int left, int top, int width, int height, Axis xAxis, Axis yAxis) {
    double x(double value) {
      return left + (value - xAxis.min()) / (xAxis.max() - xAxis.min()) * width;
    }

    double y(double value) {
      return top + height - (value - yAxis.min()) / (yAxis.max() - yAxis.min()) * height;
    }
  }
}
