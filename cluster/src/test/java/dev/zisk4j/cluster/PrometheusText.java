package dev.zisk4j.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line is a {@code # HELP},
 * a {@code # TYPE} or a sample; names and label names match the format's patterns; label values
 * use only its escapes; a family's TYPE comes once and before its samples; every sample belongs to a
 * declared family under the names its type allows; no series appears twice; a histogram's buckets
 * are cumulative and its {@code +Inf} bucket equals its count. Anything else throws, naming the line.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

  /** A series key: {@code name{a="x",b="y"}} with labels sorted by name. */
  private final Map<String, Double> series = new LinkedHashMap<>();
  private final Map<String, String> types = new HashMap<>();

  static PrometheusText parse(String text) {
    PrometheusText p = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition does not end with a newline");
    }
    Map<String, Boolean> sampled = new HashMap<>();
    Map<String, String> help = new HashMap<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + n + ": " + line;
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("TYPE")) {
          need(parts.length == 4 && NAME.matcher(parts[2]).matches() && TYPES.contains(parts[3]), "bad TYPE", where);
          need(!p.types.containsKey(parts[2]), "second TYPE for the family", where);
          need(!sampled.containsKey(parts[2]), "TYPE after the family's samples", where);
          p.types.put(parts[2], parts[3]);
        } else if (parts.length >= 3 && parts[1].equals("HELP")) {
          need(NAME.matcher(parts[2]).matches(), "bad HELP name", where);
          need(help.put(parts[2], parts.length == 4 ? parts[3] : "") == null, "second HELP for the family", where);
          checkEscapes(parts.length == 4 ? parts[3] : "", false, where);
        }
        continue; // other comments are allowed
      }
      p.sample(line, where, sampled);
    }
    p.checkHistograms();
    return p;
  }

  private void sample(String line, String where, Map<String, Boolean> sampled) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    need(NAME.matcher(name).matches(), "bad metric name", where);
    TreeMap<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        need(eq > i, "label without '='", where);
        String label = line.substring(i, eq);
        need(LABEL.matcher(label).matches(), "bad label name '" + label + "'", where);
        need(line.charAt(eq + 1) == '"', "label value not quoted", where);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char e = line.charAt(++j);
            need(e == '\\' || e == '"' || e == 'n', "bad escape in label value", where);
            value.append(e == 'n' ? '\n' : e);
          } else {
            value.append(c);
          }
          j++;
        }
        need(labels.put(label, value.toString()) == null, "label '" + label + "' twice", where);
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        } else {
          need(line.charAt(i) == '}', "expected ',' or '}'", where);
        }
      }
      i++;
    }
    need(i < line.length() && line.charAt(i) == ' ', "no space before the value", where);
    String[] rest = line.substring(i + 1).split(" ");
    need(rest.length == 1 || rest.length == 2, "trailing garbage", where);
    double v = number(rest[0], where);
    if (rest.length == 2) {
      need(rest[1].matches("-?[0-9]+"), "bad timestamp", where);
    }
    String family = familyOf(name, labels, where);
    sampled.put(family, true);
    String key = key(name, labels);
    need(series.put(key, v) == null, "series " + key + " twice", where);
  }

  /** The declared family a sample name belongs to, under its type's rules. */
  private String familyOf(String name, Map<String, String> labels, String where) {
    if (types.containsKey(name)) {
      String t = types.get(name);
      need(!t.equals("histogram"), "histogram sample without _bucket/_count/_sum", where);
      need(!t.equals("summary") || labels.containsKey("quantile"), "summary sample without quantile", where);
      return name;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String t = types.get(base);
        if (t == null) {
          continue;
        }
        boolean ok = switch (t) {
          case "histogram" -> suffix.equals("_count") || suffix.equals("_sum") || suffix.equals("_created")
              || suffix.equals("_bucket") && labels.containsKey("le");
          case "summary" -> suffix.equals("_count") || suffix.equals("_sum") || suffix.equals("_created");
          case "counter" -> suffix.equals("_total") || suffix.equals("_created");
          default -> false;
        };
        need(ok, "sample name not allowed for a " + t, where);
        return base;
      }
    }
    throw new IllegalArgumentException("sample of an undeclared family: " + where);
  }

  private void checkHistograms() {
    for (Map.Entry<String, String> e : types.entrySet()) {
      if (!e.getValue().equals("histogram")) {
        continue;
      }
      String bucket = e.getKey() + "_bucket{";
      Map<String, List<double[]>> byLabels = new HashMap<>();
      for (Map.Entry<String, Double> s : series.entrySet()) {
        if (s.getKey().startsWith(bucket)) {
          Map<String, String> labels = labelsOf(s.getKey());
          String le = labels.remove("le");
          byLabels.computeIfAbsent(key("", new TreeMap<>(labels)), k -> new ArrayList<>())
              .add(new double[] {number(le, s.getKey()), s.getValue()});
        }
      }
      for (Map.Entry<String, List<double[]>> b : byLabels.entrySet()) {
        List<double[]> buckets = b.getValue();
        buckets.sort((x, y) -> Double.compare(x[0], y[0]));
        for (int i = 1; i < buckets.size(); i++) {
          need(buckets.get(i)[1] >= buckets.get(i - 1)[1], "buckets not cumulative", e.getKey() + b.getKey());
        }
        double[] last = buckets.get(buckets.size() - 1);
        need(last[0] == Double.POSITIVE_INFINITY, "no +Inf bucket", e.getKey() + b.getKey());
        Double count = series.get(e.getKey() + "_count" + b.getKey());
        need(count != null && count == last[1], "+Inf bucket differs from _count", e.getKey() + b.getKey());
      }
    }
  }

  private static Map<String, String> labelsOf(String key) {
    Map<String, String> m = new TreeMap<>();
    String inner = key.substring(key.indexOf('{') + 1, key.length() - 1);
    for (String kv : inner.isEmpty() ? new String[0] : inner.split("\",")) {
      int eq = kv.indexOf('=');
      String v = kv.substring(eq + 2);
      m.put(kv.substring(0, eq), v.endsWith("\"") ? v.substring(0, v.length() - 1) : v);
    }
    return m;
  }

  private static String key(String name, TreeMap<String, String> labels) {
    StringBuilder b = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> b.append(b.length() > name.length() + 1 ? "," : "").append(k).append("=\"").append(v)
        .append('"'));
    return b.append('}').toString();
  }

  private static void checkEscapes(String s, boolean quotes, String where) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        char e = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        need(e == '\\' || e == 'n' || (quotes && e == '"'), "bad escape in HELP", where);
        i++;
      }
    }
  }

  private static double number(String s, String where) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad value '" + s + "': " + where);
        }
      }
    };
  }

  private static void need(boolean ok, String what, String where) {
    if (!ok) {
      throw new IllegalArgumentException(what + ": " + where);
    }
  }

  /** The family's declared type, or null. */
  String type(String family) {
    return types.get(family);
  }

  /** The value of the series {@code name} with exactly these labels ({@code "k", "v", ...}), or null. */
  Double value(String name, String... labels) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      m.put(labels[i], labels[i + 1]);
    }
    return series.get(key(name, m));
  }

  /** Every series key of {@code name} (for messages and label checks). */
  List<String> seriesOf(String name) {
    return series.keySet().stream().filter(k -> k.startsWith(name + "{")).toList();
  }
}
