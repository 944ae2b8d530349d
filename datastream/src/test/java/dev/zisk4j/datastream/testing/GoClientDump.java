package dev.zisk4j.datastream.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fixtures' {@code *.dump.json} (what the Go client read from the Go server). The files
 * are regular, so a bracket matcher and one entry pattern suffice; no JSON library is needed.
 */
public final class GoClientDump {
  /** One entry as the Go client saw it; {@code error} is set instead for a failed query. */
  public record Entry(long number, int length, int type, String dataHex, String error) {}

  private static final Pattern ENTRY = Pattern.compile(
      "\\{\\s*\"number\":\\s*(\\d+),\\s*\"length\":\\s*(\\d+),\\s*\"type\":\\s*(\\d+),\\s*\"dataHex\":\\s*\"([^\"]*)\"\\s*}");
  private static final Pattern KEYED_LIST = Pattern.compile("\"(\\w+)\":\\s*\\[");
  private static final Pattern BOOKMARK_RESULT = Pattern.compile(
      "\\{\\s*\"bookmarkHex\":\\s*\"(\\w+)\",\\s*(\"entry\":\\s*(\\{[^}]*})|\"error\":\\s*\"([^\"]*)\")\\s*}");

  private final String json;

  public GoClientDump(Path file) throws IOException {
    this.json = Files.readString(file);
  }

  public long headerTotalEntries() {
    return Long.parseLong(find("\"totalEntries\":\\s*(\\d+)"));
  }

  public long headerTotalLength() {
    return Long.parseLong(find("\"totalLength\":\\s*(\\d+)"));
  }

  public List<Entry> list(String key) {
    return entries(section(key));
  }

  /** {@code startFromResults} or {@code startBookmarkResults}: key → entries (or one error). */
  public Map<String, List<Entry>> keyedLists(String key) {
    String s = section(key);
    Map<String, List<Entry>> out = new LinkedHashMap<>();
    Matcher m = KEYED_LIST.matcher(s);
    int from = 0;
    while (m.find(from)) {
      int open = m.end() - 1;
      int close = matching(s, open);
      out.put(m.group(1), entries(s.substring(open, close + 1)));
      from = close + 1;
    }
    return out;
  }

  /** {@code getBookmarkResults}: bookmark hex → entry, or an entry with only {@code error}. */
  public Map<String, Entry> bookmarkResults() {
    Map<String, Entry> out = new LinkedHashMap<>();
    Matcher m = BOOKMARK_RESULT.matcher(section("getBookmarkResults"));
    while (m.find()) {
      if (m.group(3) != null) {
        out.put(m.group(1), entries(m.group(3)).getFirst());
      } else {
        out.put(m.group(1), new Entry(-1, 0, 0, "", m.group(4)));
      }
    }
    return out;
  }

  private static List<Entry> entries(String s) {
    List<Entry> out = new ArrayList<>();
    Matcher m = ENTRY.matcher(s);
    while (m.find()) {
      String hex = m.group(4);
      boolean error = hex.startsWith("ERROR");
      out.add(new Entry(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          error ? "" : hex, error ? hex : null));
    }
    return out;
  }

  private String section(String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*([\\[{])").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no section " + key + " in dump");
    }
    int open = m.start(1);
    return json.substring(open, matching(json, open) + 1);
  }

  private static int matching(String s, int open) {
    char o = s.charAt(open);
    char c = o == '[' ? ']' : '}';
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        inString = !inString;
      } else if (!inString && ch == o) {
        depth++;
      } else if (!inString && ch == c && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced " + o + " at " + open);
  }

  private String find(String regex) {
    Matcher m = Pattern.compile(regex).matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("not in dump: " + regex);
    }
    return m.group(1);
  }
}
