package dev.zisk4j.cli.cluster;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header and rows, columns padded to their widest cell, two spaces apart. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row of " + cells.length + " cells for " + header.size() + " columns");
    }
    List<String> r = new ArrayList<>(cells.length);
    for (Object c : cells) {
      r.add(c == null || c.toString().isEmpty() ? "-" : c.toString());
    }
    rows.add(r);
    return this;
  }

  int size() {
    return rows.size();
  }

  void print(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    line(out, header, width);
    for (List<String> r : rows) {
      line(out, r, width);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(cells.get(i));
      if (i < cells.size() - 1) {
        b.append(" ".repeat(width[i] - cells.get(i).length() + 2));
      }
    }
    out.println(b);
  }
}
