package dev.zisk4j.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Renders the templates of a Helm chart without helm, for the subset of Go templates that
 * {@code deploy/helm/zisk4j} is written in (deploy/README.md lists it):
 * <ul>
 *   <li>output actions {@code {{ PIPELINE }}}, where a pipeline is one operand followed by zero or more
 *       {@code | FUNCTION [INT]} stages;
 *   <li>operands {@code .Values.a.b}, {@code .Release.Name}, {@code .Release.Namespace},
 *       {@code .Chart.Name}/{@code .Chart.Version}/{@code .Chart.AppVersion} (any Chart.yaml key, first
 *       letter upper-cased, as Helm exposes them), a {@code "string"} or an integer literal;
 *   <li>functions {@code quote}, {@code toYaml}, {@code indent N}, {@code nindent N}, as Helm's;
 *   <li>{@code {{ if [not] PIPELINE }}} … [{@code {{ else }}} …] {@code {{ end }}}, with Go's truth (false, 0,
 *       nil, empty string, list or map are false), nested and inline;
 *   <li>comments (an action holding only a slash-star comment), and the trim markers: a dash after the
 *       opening braces or before the closing ones, followed or preceded by a space, removes the whitespace
 *       (newlines included) before or after the action.
 * </ul>
 * Everything else ({@code range}, {@code with}, {@code include}, {@code define}, variables, {@code else if},
 * other functions) is refused naming the template and line, so a chart cannot drift outside what is
 * checked. Stricter than helm on purpose: a reference to a value that is not defined, or is null, is an
 * error naming the template, line and the missing key (helm would print an empty string), and a map or
 * list printed without {@code toYaml} is an error (helm would print Go syntax).
 */
final class HelmSubset {
  /** A template could not be rendered; the message names the template, the line and what is wrong. */
  static final class RenderException extends RuntimeException {
    RenderException(String message) {
      super(message);
    }
  }

  private final Map<String, Object> context;

  private HelmSubset(Map<String, Object> context) {
    this.context = context;
  }

  /**
   * Renders every {@code templates/*.yaml} of {@code chartDir} with the chart's values.yaml overridden by
   * {@code set} (dotted paths, as {@code helm --set}: {@code worker.replicas -> 5}).
   *
   * @return template file name (e.g. {@code worker-deployment.yaml}) to rendered text, sorted by name
   * @throws RenderException for a template outside the subset or referring to an undefined value
   */
  static Map<String, String> renderChart(Path chartDir, String release, String namespace, Map<String, Object> set)
      throws IOException {
    Map<String, Object> values = loadMap(chartDir.resolve("values.yaml"));
    for (Map.Entry<String, Object> e : set.entrySet()) {
      setPath(values, e.getKey(), e.getValue());
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : loadMap(chartDir.resolve("Chart.yaml")).entrySet()) {
      chart.put(e.getKey().substring(0, 1).toUpperCase(Locale.ROOT) + e.getKey().substring(1), e.getValue());
    }
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("Values", values);
    ctx.put("Chart", chart);
    ctx.put("Release", Map.of("Name", release, "Namespace", namespace, "Service", "Helm"));
    HelmSubset r = new HelmSubset(ctx);
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(chartDir.resolve("templates"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        String name = f.getFileName().toString();
        out.put(name, r.render("templates/" + name, Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Renders one template text against {@code context} (keys Values, Release, Chart). */
  static String render(String name, String text, Map<String, Object> context) {
    return new HelmSubset(context).render(name, text);
  }

  private String render(String name, String text) {
    List<Token> tokens = tokenize(name, text);
    int[] pos = {0};
    List<Node> nodes = parse(name, tokens, pos, false);
    if (pos[0] != tokens.size()) {
      Token t = tokens.get(pos[0]);
      throw new RenderException(name + ":" + t.line + ": {{ " + t.body + " }} without a matching {{ if }}");
    }
    StringBuilder sb = new StringBuilder();
    for (Node n : nodes) {
      n.write(sb);
    }
    return sb.toString();
  }

  // ---- lexing: text and actions, trim markers applied -------------------------------------------

  private record Token(boolean action, String body, int line) {}

  private static List<Token> tokenize(String name, String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    boolean trimNext = false;
    while (i < text.length()) {
      int open = text.indexOf("{{", i);
      String chunk = open < 0 ? text.substring(i) : text.substring(i, open);
      if (trimNext) {
        chunk = chunk.stripLeading();
      }
      if (open < 0) {
        out.add(new Token(false, chunk, 0));
        break;
      }
      int line = lineOf(text, open);
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new RenderException(name + ":" + line + ": '{{' without a closing '}}'");
      }
      String inner = text.substring(open + 2, close);
      boolean trimBefore = inner.startsWith("- ") || inner.startsWith("-\n");
      boolean trimAfter = inner.endsWith(" -") || inner.endsWith("\n-");
      if (trimBefore) {
        chunk = chunk.stripTrailing();
        inner = inner.substring(1);
      }
      if (trimAfter) {
        inner = inner.substring(0, inner.length() - 1);
      }
      out.add(new Token(false, chunk, 0));
      String body = inner.strip();
      if (!(body.startsWith("/*") && body.endsWith("*/"))) {
        if (body.contains("/*")) {
          throw new RenderException(name + ":" + line + ": a comment must fill its action: {{/* … */}}");
        }
        out.add(new Token(true, body, line));
      }
      trimNext = trimAfter;
      i = close + 2;
    }
    return out;
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int k = 0; k < index; k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  // ---- parsing: text, output and if/else/end nodes ------------------------------------------------

  private interface Node {
    void write(StringBuilder sb);
  }

  private List<Node> parse(String name, List<Token> tokens, int[] pos, boolean inIf) {
    List<Node> nodes = new ArrayList<>();
    while (pos[0] < tokens.size()) {
      Token t = tokens.get(pos[0]);
      if (!t.action) {
        String s = t.body;
        nodes.add(sb -> sb.append(s));
        pos[0]++;
        continue;
      }
      String keyword = t.body.split("\\s+", 2)[0];
      switch (keyword) {
        case "end", "else" -> {
          if (!inIf) {
            throw new RenderException(name + ":" + t.line + ": {{ " + t.body + " }} without a matching {{ if }}");
          }
          if (keyword.equals("else") && !t.body.equals("else")) {
            throw unsupported(name, t, "'else' with a condition (else if)");
          }
          return nodes;
        }
        case "if" -> {
          pos[0]++;
          String cond = t.body.substring(2).strip();
          if (cond.isEmpty()) {
            throw new RenderException(name + ":" + t.line + ": {{ if }} without a condition");
          }
          List<Node> then = parse(name, tokens, pos, true);
          List<Node> otherwise = List.of();
          Token stop = endToken(name, tokens, pos, t);
          if (stop.body.equals("else")) {
            pos[0]++;
            otherwise = parse(name, tokens, pos, true);
            stop = endToken(name, tokens, pos, t);
            if (!stop.body.equals("end")) {
              throw new RenderException(name + ":" + stop.line + ": a second {{ else }} in the {{ if }} of line " + t.line);
            }
          }
          pos[0]++;
          boolean negate = cond.startsWith("not ");
          boolean truth = truthy(eval(name, t.line, negate ? cond.substring(4).strip() : cond)) != negate;
          List<Node> chosen = truth ? then : otherwise;
          nodes.add(sb -> chosen.forEach(n -> n.write(sb)));
        }
        case "range", "with", "define", "template", "include", "block", "break", "continue" ->
            throw unsupported(name, t, "'" + keyword + "'");
        default -> {
          Object v = eval(name, t.line, t.body);
          String s = print(name, t, v);
          nodes.add(sb -> sb.append(s));
          pos[0]++;
        }
      }
    }
    if (inIf) {
      throw new RenderException(name + ": {{ if }} without {{ end }} at the end of the template");
    }
    return nodes;
  }

  private static Token endToken(String name, List<Token> tokens, int[] pos, Token ifToken) {
    if (pos[0] >= tokens.size()) {
      throw new RenderException(name + ":" + ifToken.line + ": {{ " + ifToken.body + " }} without {{ end }}");
    }
    return tokens.get(pos[0]);
  }

  private static RenderException unsupported(String name, Token t, String what) {
    return new RenderException(name + ":" + t.line + ": {{ " + t.body + " }}: " + what
        + " is outside the template subset this renderer supports (deploy/README.md)");
  }

  // ---- evaluation ---------------------------------------------------------------------------------

  private Object eval(String name, int line, String pipeline) {
    List<String> stages = splitPipes(pipeline);
    Object v = operand(name, line, stages.get(0).strip());
    for (String stage : stages.subList(1, stages.size())) {
      String[] words = stage.strip().split("\\s+");
      String fn = words[0];
      v = switch (fn) {
        case "quote" -> {
          arity(name, line, words, 1);
          yield quote(scalar(name, line, v, "quote"));
        }
        case "toYaml" -> {
          arity(name, line, words, 1);
          yield toYaml(v);
        }
        case "indent", "nindent" -> {
          arity(name, line, words, 2);
          int n;
          try {
            n = Integer.parseInt(words[1]);
          } catch (NumberFormatException e) {
            throw new RenderException(name + ":" + line + ": " + fn + " needs an integer width, got " + words[1]);
          }
          String pad = " ".repeat(n);
          String indented = pad + scalar(name, line, v, fn).replace("\n", "\n" + pad);
          yield fn.equals("nindent") ? "\n" + indented : indented;
        }
        default -> throw new RenderException(name + ":" + line + ": function '" + fn
            + "' is outside the template subset this renderer supports (quote, toYaml, indent N, nindent N)");
      };
    }
    return v;
  }

  private static void arity(String name, int line, String[] words, int n) {
    if (words.length != n) {
      throw new RenderException(name + ":" + line + ": " + words[0] + " takes " + (n - 1)
          + " argument(s) in a pipeline, got " + (words.length - 1));
    }
  }

  private static List<String> splitPipes(String s) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' && (k == 0 || s.charAt(k - 1) != '\\')) {
        quoted = !quoted;
      } else if (c == '|' && !quoted) {
        out.add(s.substring(start, k));
        start = k + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private Object operand(String name, int line, String op) {
    if (op.length() >= 2 && op.startsWith("\"") && op.endsWith("\"")) {
      return op.substring(1, op.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if (op.matches("-?[0-9]+")) {
      return Long.parseLong(op);
    }
    if (!op.matches("(\\.[A-Za-z_][A-Za-z0-9_]*)+")) {
      throw new RenderException(name + ":" + line + ": '" + op + "' is outside the template subset this renderer "
          + "supports (a .Values/.Release/.Chart path, a \"string\" or an integer)");
    }
    String[] keys = op.substring(1).split("\\.");
    Object cur = context;
    StringBuilder path = new StringBuilder();
    for (String k : keys) {
      if (!(cur instanceof Map<?, ?> m)) {
        throw new RenderException(name + ":" + line + ": " + op + ": " + (path.isEmpty() ? "." : path)
            + " is not a map, it has no key '" + k + "'");
      }
      if (!m.containsKey(k)) {
        throw new RenderException(name + ":" + line + ": " + op + " is not defined: " + (path.isEmpty() ? "the root" : path)
            + " has no key '" + k + "' (it has: " + String.join(", ", m.keySet().stream().map(String::valueOf).sorted().toList())
            + ")");
      }
      cur = m.get(k);
      path.append(path.isEmpty() ? "" : ".").append(k);
    }
    if (cur == null) {
      throw new RenderException(name + ":" + line + ": " + op + " is null (give it a value in values.yaml)");
    }
    return cur;
  }

  private static String scalar(String name, int line, Object v, String what) {
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
      throw new RenderException(name + ":" + line + ": " + what + " of a map or list: pipe it through toYaml first");
    }
    return String.valueOf(v);
  }

  private static String print(String name, Token t, Object v) {
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
      throw new RenderException(name + ":" + t.line + ": {{ " + t.body + " }} prints a map or list: use | toYaml");
    }
    return String.valueOf(v);
  }

  static boolean truthy(Object v) {
    return switch (v) {
      case null -> false;
      case Boolean b -> b;
      case Number n -> n.doubleValue() != 0;
      case String s -> !s.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      case Collection<?> c -> !c.isEmpty();
      default -> true;
    };
  }

  /** Go's %q for the characters a chart value holds: backslash, quote and control characters escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String toYaml(Object v) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    return new Yaml(new Representer(o), o).dump(v).stripTrailing();
  }

  // ---- values -------------------------------------------------------------------------------------

  /** A YAML file holding one map (empty file = empty map). */
  static Map<String, Object> loadMap(Path file) throws IOException {
    Object o = yaml().load(Files.readString(file, StandardCharsets.UTF_8));
    if (o == null) {
      return new LinkedHashMap<>();
    }
    if (!(o instanceof Map<?, ?>)) {
      throw new RenderException(file + ": expected a YAML map at the top, got " + o.getClass().getSimpleName());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) o;
    return m;
  }

  /** A safe SnakeYAML (no arbitrary types). */
  static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  @SuppressWarnings("unchecked")
  private static void setPath(Map<String, Object> values, String dotted, Object value) {
    String[] keys = dotted.split("\\.");
    Map<String, Object> cur = values;
    for (int k = 0; k < keys.length - 1; k++) {
      Object next = cur.get(keys[k]);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        cur.put(keys[k], next);
      }
      cur = (Map<String, Object>) next;
    }
    cur.put(keys[keys.length - 1], value);
  }
}
