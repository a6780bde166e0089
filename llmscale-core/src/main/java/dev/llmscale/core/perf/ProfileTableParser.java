package dev.llmscale.core.perf;

import dev.llmscale.core.perf.ProfileTable.DecodePoint;
import dev.llmscale.core.perf.ProfileTable.PrefillPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Line-by-line reader of the {@link ProfileTable} v1 text format; remembers the line of every
 * section, property and row so that errors can point at both the problem and what it repeats.
 */
final class ProfileTableParser {
  private enum Section {
    PROPERTIES,
    PREFILL,
    DECODE
  }

  private final String source;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final List<PrefillPoint> prefill = new ArrayList<>();
  private final List<DecodePoint> decode = new ArrayList<>();
  private final Map<String, Integer> definedOn = new HashMap<>();
  private Section section = Section.PROPERTIES;
  private boolean expectHeader;
  private int lineNumber;

  ProfileTableParser(String source) {
    this.source = source;
  }

  ProfileTable parse(BufferedReader in) throws IOException {
    boolean sawMagic = false;
    for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!sawMagic) {
        if (!line.equals(ProfileTable.MAGIC)) {
          throw fail("expected '" + ProfileTable.MAGIC + "' as the first line, got '" + line + "'");
        }
        sawMagic = true;
      } else if (!line.startsWith("#")) {
        accept(line);
      }
    }
    if (!sawMagic) {
      throw new ProfileFormatException(
          source, 0, "empty file, expected '" + ProfileTable.MAGIC + "'");
    }
    if (prefill.isEmpty() || decode.isEmpty()) {
      throw new ProfileFormatException(
          source, 0, "needs a [prefill] and a [decode] section, each with at least one row");
    }
    return new ProfileTable(properties, prefill, decode);
  }

  private void accept(String line) {
    if (line.startsWith("[")) {
      startSection(line);
    } else if (expectHeader) {
      String expected =
          section == Section.PREFILL ? ProfileTable.PREFILL_HEADER : ProfileTable.DECODE_HEADER;
      if (!line.replace(" ", "").equalsIgnoreCase(expected)) {
        throw fail("expected the column header '" + expected + "', got '" + line + "'");
      }
      expectHeader = false;
    } else {
      switch (section) {
        case PROPERTIES -> property(line);
        case PREFILL -> prefillRow(line);
        case DECODE -> decodeRow(line);
      }
    }
  }

  private void startSection(String line) {
    Section next =
        switch (line) {
          case "[prefill]" -> Section.PREFILL;
          case "[decode]" -> Section.DECODE;
          default -> throw fail("unknown section " + line + "; expected [prefill] or [decode]");
        };
    Integer earlier = definedOn.putIfAbsent("section:" + next, lineNumber);
    if (earlier != null) {
      throw fail("section " + line + " repeats the one on line " + earlier);
    }
    section = next;
    expectHeader = true;
  }

  private void property(String line) {
    int eq = line.indexOf('=');
    if (eq <= 0) {
      throw fail("expected key=value or a [section], got '" + line + "'");
    }
    String key = line.substring(0, eq).strip();
    String value = line.substring(eq + 1).strip();
    if (!ProfileTable.KEY.matcher(key).matches()) {
      throw fail("bad property name '" + key + "'");
    }
    if (key.equals(ProfileTable.REQUEST_OVERHEAD_MS) && ProfileTable.parseOverhead(value) == null) {
      throw fail(ProfileTable.REQUEST_OVERHEAD_MS + " must be a number >= 0, got '" + value + "'");
    }
    Integer earlier = definedOn.putIfAbsent("property:" + key, lineNumber);
    if (earlier != null) {
      throw fail("property '" + key + "' repeats the one on line " + earlier);
    }
    properties.put(key, value);
  }

  private void prefillRow(String line) {
    String[] cells = cells(line, 2, ProfileTable.PREFILL_HEADER);
    int tokens = positiveInt(cells[0], "input_tokens");
    double ttft = positiveNumber(cells[1], "ttft_ms");
    unique("prefill:" + tokens, "input_tokens " + tokens);
    prefill.add(new PrefillPoint(tokens, ttft));
  }

  private void decodeRow(String line) {
    String[] cells = cells(line, 3, ProfileTable.DECODE_HEADER);
    int batch = positiveInt(cells[0], "batch");
    int context = cells[1].equals("0") ? 0 : positiveInt(cells[1], "context_tokens");
    double itl = positiveNumber(cells[2], "itl_ms");
    unique("decode:" + batch + "," + context, "batch " + batch + ", context " + context);
    decode.add(new DecodePoint(batch, context, itl));
  }

  private void unique(String key, String what) {
    Integer earlier = definedOn.putIfAbsent(key, lineNumber);
    if (earlier != null) {
      throw fail(what + " repeats the row on line " + earlier);
    }
  }

  private String[] cells(String line, int count, String header) {
    String[] cells = line.split(",", -1);
    if (cells.length != count) {
      throw fail("expected " + count + " cells (" + header + "), got '" + line + "'");
    }
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].strip();
    }
    return cells;
  }

  private int positiveInt(String cell, String column) {
    try {
      int value = Integer.parseInt(cell);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fail("column " + column + ": expected a positive integer, got '" + cell + "'");
  }

  private double positiveNumber(String cell, String column) {
    try {
      double value = Double.parseDouble(cell);
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fail("column " + column + ": expected a positive number, got '" + cell + "'");
  }

  private ProfileFormatException fail(String problem) {
    return new ProfileFormatException(source, lineNumber, problem);
  }
}
