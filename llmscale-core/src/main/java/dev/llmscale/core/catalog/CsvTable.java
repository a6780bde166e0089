package dev.llmscale.core.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small header-addressed CSV table: {@code #} comment lines and blank lines are skipped, the
 * first other line names the columns, cells are trimmed and never quoted. Every typed read names
 * the source, line and column on failure, so users can fix their catalog files without guessing.
 */
final class CsvTable {

  private final String source;
  private final int headerLine;
  private final Map<String, Integer> columns;
  private final List<Row> rows;

  private CsvTable(String source, int headerLine, Map<String, Integer> columns, List<Row> rows) {
    this.source = source;
    this.headerLine = headerLine;
    this.columns = columns;
    this.rows = rows;
  }

  static CsvTable read(Reader reader, String source) {
    List<String[]> lines = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(reader)) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
          cells[i] = cells[i].strip();
        }
        lines.add(cells);
        lineNumbers.add(number);
      }
    } catch (IOException e) {
      throw new CatalogException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new CatalogException(source + ": no header row (the file is empty or all comments)");
    }
    Map<String, Integer> columns = new HashMap<>();
    String[] header = lines.get(0);
    for (int i = 0; i < header.length; i++) {
      String name = header[i].toLowerCase(Locale.ROOT);
      if (name.isEmpty() || columns.putIfAbsent(name, i) != null) {
        throw new CatalogException(
            source
                + " line "
                + lineNumbers.get(0)
                + ": empty or repeated column name '"
                + name
                + "'");
      }
    }
    CsvTable table = new CsvTable(source, lineNumbers.get(0), columns, new ArrayList<>());
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i);
      if (cells.length != header.length) {
        throw new CatalogException(
            source
                + " line "
                + lineNumbers.get(i)
                + ": "
                + cells.length
                + " cells, but the header has "
                + header.length);
      }
      table.rows.add(table.new Row(lineNumbers.get(i), cells));
    }
    return table;
  }

  String source() {
    return source;
  }

  boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Fails naming every required column the header lacks. */
  void requireColumns(List<String> required, String what) {
    List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new CatalogException(
          source + " line " + headerLine + ": " + what + " lacks columns " + missing);
    }
  }

  /** One data row; typed reads fail with "source line N, column 'c': ...". */
  final class Row {
    private final int line;
    private final String[] cells;

    private Row(int line, String[] cells) {
      this.line = line;
      this.cells = cells;
    }

    int line() {
      return line;
    }

    String text(String column) {
      String value = optionalText(column);
      if (value.isEmpty()) {
        throw error(column, "must not be empty");
      }
      return value;
    }

    /** The cell, or "" when the column is absent or the cell empty. */
    String optionalText(String column) {
      Integer index = columns.get(column);
      return index == null ? "" : cells[index];
    }

    long positiveLong(String column) {
      String value = text(column);
      try {
        long parsed = Long.parseLong(value.replace("_", ""));
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(column, "expected a positive integer, got '" + value + "'");
    }

    int positiveInt(String column) {
      long value = positiveLong(column);
      if (value > Integer.MAX_VALUE) {
        throw error(column, "value " + value + " is too large");
      }
      return (int) value;
    }

    double positiveDouble(String column) {
      String value = text(column);
      try {
        double parsed = Double.parseDouble(value);
        if (parsed > 0 && Double.isFinite(parsed)) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(column, "expected a positive number, got '" + value + "'");
    }

    double nonNegativeDouble(String column) {
      String value = text(column);
      try {
        double parsed = Double.parseDouble(value);
        if (parsed >= 0 && Double.isFinite(parsed)) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(column, "expected a number >= 0, got '" + value + "'");
    }

    CatalogException error(String column, String problem) {
      return new CatalogException(
          source + " line " + line + ", column '" + column + "': " + problem);
    }
  }
}
