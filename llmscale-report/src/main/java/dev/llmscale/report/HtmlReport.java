package dev.llmscale.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page: headings, paragraphs, tables and inline SVG charts, with its style
 * inline. No script, no external resource, so it opens from a file anywhere and can be attached to
 * an issue or a mail.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;
      max-width:1100px;color:#222;padding:0 16px}
      h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px}
      p.sub{color:#666;margin-top:0}
      table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
      th,td{border:1px solid #ddd;padding:4px 10px;text-align:right}
      th:first-child,td:first-child{text-align:left}
      th{background:#f5f5f5}
      figure{margin:12px 0}svg.chart{max-width:100%;height:auto;border:1px solid #eee}
      pre{background:#f7f7f7;padding:8px;font-size:12px;overflow-x:auto}
      """;

  private final String title;
  private final List<String> body = new ArrayList<>();

  public HtmlReport(String title, String subtitle) {
    this.title = title;
    body.add("<h1>" + Html.escape(title) + "</h1>");
    if (subtitle != null && !subtitle.isBlank()) {
      body.add("<p class=\"sub\">" + Html.escape(subtitle) + "</p>");
    }
  }

  public HtmlReport heading(String text) {
    body.add("<h2>" + Html.escape(text) + "</h2>");
    return this;
  }

  public HtmlReport paragraph(String text) {
    body.add("<p>" + Html.escape(text) + "</p>");
    return this;
  }

  /** A table; every row must have as many cells as there are headers. */
  public HtmlReport table(List<String> headers, List<List<String>> rows) {
    StringBuilder table = new StringBuilder("<table><thead><tr>");
    for (String header : headers) {
      table.append("<th>").append(Html.escape(header)).append("</th>");
    }
    table.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells for " + headers.size() + " headers: " + row);
      }
      table.append("<tr>");
      for (String cell : row) {
        table.append("<td>").append(Html.escape(cell)).append("</td>");
      }
      table.append("</tr>");
    }
    body.add(table.append("</tbody></table>").toString());
    return this;
  }

  public HtmlReport chart(TimeChart chart) {
    body.add("<figure>" + chart.svg(1000, 320) + "</figure>");
    return this;
  }

  /** Preformatted text, e.g. the command that produced the report. */
  public HtmlReport preformatted(String text) {
    body.add("<pre>" + Html.escape(text) + "</pre>");
    return this;
  }

  public String html() {
    StringBuilder page = new StringBuilder(16384);
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    for (String part : body) {
      page.append(part).append('\n');
    }
    return page.append("</body></html>\n").toString();
  }

  /** Writes the page to {@code file}, creating its directory. */
  public Path write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, html(), StandardCharsets.UTF_8);
    return file;
  }
}
