package dev.llmscale.report;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link TimeChart} as a browser drew it: its {@code <svg>} from the rendered DOM, paired with
 * where it sits in the screenshot, so a test can check that what the SVG says is on the screen.
 * Charts are found in the screenshot by their 1-pixel {@code #eee} border (the report's style for
 * {@code svg.chart}). A test fixture, published in the test-jar with {@link HeadlessChromium}.
 *
 * @param svg the chart's element as serialized by the browser
 * @param frame the chart's border box in the screenshot, in pixels
 * @param screenshot the whole window
 */
public record DrawnChart(String svg, Rectangle frame, BufferedImage screenshot) {
  private static final int BORDER = 0xeeeeee;
  private static final int MIN_CHART_WIDTH = 100;
  private static final double MIN_COVERAGE = 0.4;
  private static final Pattern SVG = Pattern.compile("<svg\\b[^>]*>.*?</svg>", Pattern.DOTALL);

  /** A polyline of a series: its colour and points, in SVG coordinates. */
  public record Line(String series, Color color, List<Point2D> points) {}

  /**
   * Every chart of a rendering, top to bottom.
   *
   * @throws IllegalStateException if the screenshot shows another number of charts than the DOM has
   */
  public static List<DrawnChart> all(HeadlessChromium.Rendering rendering) {
    List<String> svgs = new ArrayList<>();
    Matcher m = SVG.matcher(rendering.dom());
    while (m.find()) {
      svgs.add(m.group());
    }
    List<Rectangle> frames = frames(rendering.screenshot());
    if (frames.size() != svgs.size()) {
      throw new IllegalStateException(
          "the DOM has " + svgs.size() + " charts but the screenshot shows " + frames.size());
    }
    List<DrawnChart> charts = new ArrayList<>();
    for (int i = 0; i < svgs.size(); i++) {
      charts.add(new DrawnChart(svgs.get(i), frames.get(i), rendering.screenshot()));
    }
    return charts;
  }

  /** The {@code aria-label} of the chart: its title. */
  public String title() {
    return attribute(openingTag(svg), "aria-label");
  }

  /** The plot area (inside the axes), in SVG coordinates. */
  public Rectangle2D plotArea() {
    Matcher m = Pattern.compile("<rect [^>]*fill=\"none\"[^>]*>").matcher(svg);
    if (!m.find()) {
      throw new IllegalStateException("no plot frame in " + title());
    }
    return rectangle(m.group());
  }

  /** The polylines of every series, in drawing order. */
  public List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    Matcher group =
        Pattern.compile("<g class=\"series\" data-name=\"([^\"]*)\">(.*?)</g>", Pattern.DOTALL)
            .matcher(svg);
    while (group.find()) {
      Matcher polyline = Pattern.compile("<polyline [^>]*>").matcher(group.group(2));
      while (polyline.find()) {
        String tag = polyline.group();
        List<Point2D> points = new ArrayList<>();
        for (String xy : attribute(tag, "points").trim().split("\\s+")) {
          String[] parts = xy.split(",");
          points.add(
              new Point2D.Double(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
        }
        lines.add(new Line(group.group(1), color(attribute(tag, "stroke")), points));
      }
    }
    return lines;
  }

  /** The elements with {@code class="name"}: their opening tags. */
  public List<String> elements(String name) {
    List<String> tags = new ArrayList<>();
    Matcher m = Pattern.compile("<\\w+ class=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(svg);
    while (m.find()) {
      tags.add(m.group());
    }
    return tags;
  }

  /**
   * Whether a pixel of {@code color} (or of an antialiased edge of it) lies within {@code radius}
   * pixels of an SVG point.
   */
  public boolean shows(Color color, Point2D at, int radius) {
    Point centre = pixel(at.getX(), at.getY());
    return count(
            color,
            new Rectangle(centre.x - radius, centre.y - radius, 2 * radius + 1, 2 * radius + 1))
        > 0;
  }

  /**
   * How many pixels of {@code color} (or of antialiased edges of it) lie in an area given in SVG
   * coordinates.
   */
  public int count(Color color, Rectangle2D area) {
    Point from = pixel(area.getMinX(), area.getMinY());
    Point to = pixel(area.getMaxX(), area.getMaxY());
    return count(color, new Rectangle(from.x, from.y, to.x - from.x + 1, to.y - from.y + 1));
  }

  /** The number of pixels, in SVG coordinates. */
  public double pixels(Rectangle2D area) {
    Point from = pixel(area.getMinX(), area.getMinY());
    Point to = pixel(area.getMaxX(), area.getMaxY());
    return (double) (to.x - from.x + 1) * (to.y - from.y + 1);
  }

  /** {@code color} painted with {@code opacity} over white, as a browser blends it. */
  public static Color overWhite(Color color, double opacity) {
    return new Color(
        blend(color.getRed(), opacity),
        blend(color.getGreen(), opacity),
        blend(color.getBlue(), opacity));
  }

  /** A CSS colour in hex, {@code #rgb} or {@code #rrggbb}. */
  public static Color color(String css) {
    if (css.matches("#\\p{XDigit}{3}")) {
      css =
          "#"
              + css.charAt(1)
              + css.charAt(1)
              + css.charAt(2)
              + css.charAt(2)
              + css.charAt(3)
              + css.charAt(3);
    }
    if (!css.matches("#\\p{XDigit}{6}")) {
      throw new IllegalArgumentException("not a hex colour: " + css);
    }
    return new Color(Integer.parseInt(css.substring(1), 16));
  }

  /** An SVG {@code x, y, width, height} element's rectangle. */
  public static Rectangle2D rectangle(String tag) {
    return new Rectangle2D.Double(
        Double.parseDouble(attribute(tag, "x")),
        Double.parseDouble(attribute(tag, "y")),
        Double.parseDouble(attribute(tag, "width")),
        Double.parseDouble(attribute(tag, "height")));
  }

  public static String attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + name + " in " + tag);
    }
    return m.group(1);
  }

  private int count(Color color, Rectangle pixels) {
    Rectangle clipped =
        pixels.intersection(new Rectangle(0, 0, screenshot.getWidth(), screenshot.getHeight()));
    int n = 0;
    for (int y = clipped.y; y < clipped.y + clipped.height; y++) {
      for (int x = clipped.x; x < clipped.x + clipped.width; x++) {
        if (shows(screenshot.getRGB(x, y), color)) {
          n++;
        }
      }
    }
    return n;
  }

  private Point pixel(double x, double y) {
    double scale = (frame.width - 2) / Double.parseDouble(attribute(openingTag(svg), "width"));
    return new Point(
        (int) Math.floor(frame.x + 1 + x * scale), (int) Math.floor(frame.y + 1 + y * scale));
  }

  private record Point(int x, int y) {}

  /**
   * Whether a pixel is {@code color}, or {@code color} partly covering white as an antialiased edge
   * or a thin line is drawn: {@code pixel ≈ α·color + (1 − α)·white} with {@code α ≥ 0.4}.
   */
  private static boolean shows(int rgb, Color color) {
    int[] pixel = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    int[] paint = {color.getRed(), color.getGreen(), color.getBlue()};
    double darkness = 0;
    double paintDarkness = 0;
    for (int c = 0; c < 3; c++) {
      darkness += 255 - pixel[c];
      paintDarkness += 255 - paint[c];
    }
    double coverage = paintDarkness == 0 ? 1 : darkness / paintDarkness;
    if (coverage < MIN_COVERAGE || coverage > 1 + MIN_COVERAGE / 4) {
      return false;
    }
    for (int c = 0; c < 3; c++) {
      double expected = 255 - coverage * (255 - paint[c]);
      // Tight for a pale colour, which is close to the white and light greys around it.
      double tolerance = 4 + 0.1 * (255 - paint[c]);
      if (Math.abs(pixel[c] - expected) > tolerance) {
        return false;
      }
    }
    return true;
  }

  private static int blend(int channel, double opacity) {
    return (int) Math.round(255 - opacity * (255 - channel));
  }

  private static String openingTag(String element) {
    return element.substring(0, element.indexOf('>') + 1);
  }

  /**
   * Chart borders: a horizontal run of border pixels, the same run further down, and border pixels
   * down its left side between them.
   */
  private static List<Rectangle> frames(BufferedImage image) {
    List<Rectangle> runs = new ArrayList<>();
    for (int y = 0; y < image.getHeight(); y++) {
      int x = 0;
      while (x < image.getWidth()) {
        int start = x;
        while (x < image.getWidth() && (image.getRGB(x, y) & 0xffffff) == BORDER) {
          x++;
        }
        if (x - start >= MIN_CHART_WIDTH) {
          runs.add(new Rectangle(start, y, x - start, 1));
        }
        x = Math.max(x, start + 1);
      }
    }
    List<Rectangle> frames = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Rectangle top = runs.get(i);
      for (int j = i + 1; j < runs.size(); j++) {
        Rectangle bottom = runs.get(j);
        if (bottom.x == top.x
            && bottom.width == top.width
            && bottom.y > top.y + 1
            && leftSide(image, top.x, top.y, bottom.y)) {
          frames.add(new Rectangle(top.x, top.y, top.width, bottom.y - top.y + 1));
          break;
        }
      }
    }
    return frames;
  }

  private static boolean leftSide(BufferedImage image, int x, int fromY, int toY) {
    for (int y = fromY; y <= toY; y++) {
      if ((image.getRGB(x, y) & 0xffffff) != BORDER) {
        return false;
      }
    }
    return true;
  }
}
