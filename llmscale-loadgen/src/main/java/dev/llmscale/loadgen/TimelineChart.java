package dev.llmscale.loadgen;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code timeline.png}: TTFT of every request at its start time (good ones, meeting the SLOs, and
 * the rest in another colour) above output tokens and completed requests per second. Rendered
 * headless with XChart.
 */
final class TimelineChart {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 380;

  private TimelineChart() {}

  static void write(RunTimeline timeline, Path file, String title) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<XYChart> charts = new ArrayList<>();
    charts.add(ttftChart(timeline, title));
    charts.add(throughputChart(timeline));
    BitmapEncoder.saveBitmap(charts, 2, 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart ttftChart(RunTimeline timeline, String title) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("request start (s)")
            .yAxisTitle("TTFT (ms)")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    double[] x = timeline.ttftAtSeconds();
    double[] y = timeline.ttftMs();
    boolean[] good = timeline.ttftGood();
    List<Double> goodX = new ArrayList<>();
    List<Double> goodY = new ArrayList<>();
    List<Double> badX = new ArrayList<>();
    List<Double> badY = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      (good[i] ? goodX : badX).add(x[i]);
      (good[i] ? goodY : badY).add(y[i]);
    }
    if (goodX.isEmpty() && badX.isEmpty()) {
      goodX.add(0.0);
      goodY.add(0.0);
    }
    if (!goodX.isEmpty()) {
      chart
          .addSeries("TTFT (meets SLO)", goodX, goodY)
          .setMarker(SeriesMarkers.CIRCLE)
          .setMarkerColor(new Color(31, 119, 180));
    }
    if (!badX.isEmpty()) {
      chart
          .addSeries("TTFT (misses SLO)", badX, badY)
          .setMarker(SeriesMarkers.CIRCLE)
          .setMarkerColor(new Color(214, 39, 40));
    }
    return chart;
  }

  private static XYChart throughputChart(RunTimeline timeline) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("throughput per second")
            .xAxisTitle("time (s)")
            .yAxisTitle("output tokens/s")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    int n = Math.max(1, timeline.seconds());
    double[] seconds = new double[n];
    for (int i = 0; i < n; i++) {
      seconds[i] = i + 0.5;
    }
    chart
        .addSeries("output tokens/s", seconds, pad(timeline.tokensPerSecond(), n))
        .setMarker(SeriesMarkers.NONE);
    XYSeries completed =
        chart.addSeries("requests completed/s", seconds, pad(timeline.completedPerSecond(), n));
    completed.setMarker(SeriesMarkers.NONE);
    completed.setYAxisGroup(1);
    chart.setYAxisGroupTitle(1, "requests/s");
    double[] errors = timeline.errorsPerSecond();
    boolean anyErrors = false;
    for (double e : errors) {
      anyErrors |= e > 0;
    }
    if (anyErrors) {
      XYSeries failed = chart.addSeries("errors/s", seconds, pad(errors, n));
      failed.setMarker(SeriesMarkers.NONE);
      failed.setYAxisGroup(1);
    }
    return chart;
  }

  private static double[] pad(double[] values, int n) {
    return values.length >= n ? values : java.util.Arrays.copyOf(values, n);
  }
}
