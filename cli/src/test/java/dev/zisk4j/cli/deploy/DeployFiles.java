package dev.zisk4j.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readers for the non-YAML deployment files: Dockerfile, systemd units, env files, the launcher. */
final class DeployFiles {
  private DeployFiles() {}

  /** The repository root, from the cli module's directory (where surefire runs) or the root itself. */
  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("bin/zisk4j"))) {
        return p;
      }
    }
    throw new AssertionError("no repository root (with deploy/ and bin/zisk4j) above " + here);
  }

  // ---- Dockerfile -----------------------------------------------------------------------------

  /** One Dockerfile instruction: its keyword (upper case), arguments, and the stage it is in (0 = first). */
  record Instruction(String keyword, String args, int stage, int line) {}

  /** Instructions of a Dockerfile, continuation lines joined, comments and blank lines dropped. */
  static List<Instruction> dockerfile(Path file) throws IOException {
    List<Instruction> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int stage = -1;
    StringBuilder cur = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (cur == null && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (cur != null && t.startsWith("#")) {
        continue; // comments inside a continued instruction
      }
      if (cur == null) {
        cur = new StringBuilder();
        start = i + 1;
      }
      boolean continued = t.endsWith("\\");
      cur.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
      if (!continued) {
        String text = cur.toString().strip();
        int sp = text.indexOf(' ');
        String kw = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
        if (kw.equals("FROM")) {
          stage++;
        }
        out.add(new Instruction(kw, sp < 0 ? "" : text.substring(sp + 1).strip(), stage, start));
        cur = null;
      }
    }
    return out;
  }

  /** ENV instructions of the last stage as a map ({@code ENV A=1 B=2}; the legacy {@code ENV A 1} form too). */
  static Map<String, String> dockerEnv(List<Instruction> ins) {
    int last = ins.stream().mapToInt(Instruction::stage).max().orElse(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (Instruction i : ins) {
      if (!i.keyword().equals("ENV") || i.stage() != last) {
        continue;
      }
      String a = i.args();
      if (!a.contains("=") || a.indexOf(' ') >= 0 && a.indexOf(' ') < a.indexOf('=')) {
        String[] kv = a.split("\\s+", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
        continue;
      }
      Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(a);
      while (m.find()) {
        String v = m.group(2);
        env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
      }
    }
    return env;
  }

  // ---- systemd --------------------------------------------------------------------------------

  /** A unit file: section → key → values (a key may repeat), continuation lines joined. */
  static Map<String, Map<String, List<String>>> unit(Path file) throws IOException {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    Map<String, List<String>> section = null;
    StringBuilder cur = null;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = raw.strip();
      if (cur == null && (t.isEmpty() || t.startsWith("#") || t.startsWith(";"))) {
        continue;
      }
      if (cur == null && t.startsWith("[") && t.endsWith("]")) {
        section = out.computeIfAbsent(t.substring(1, t.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      if (section == null) {
        throw new AssertionError(file + ": a setting before any [Section]: " + t);
      }
      cur = cur == null ? new StringBuilder() : cur;
      boolean continued = t.endsWith("\\");
      cur.append(continued ? t.substring(0, t.length() - 1) : t).append(' ');
      if (!continued) {
        String line = cur.toString().strip();
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw new AssertionError(file + ": not KEY=VALUE: " + line);
        }
        section.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        cur = null;
      }
    }
    return out;
  }

  /**
   * ExecStart split into words as systemd does for a line without quotes, with the specifiers
   * {@code %i} and {@code %H} replaced by {@code instance} and {@code host}.
   */
  static List<String> execWords(String execStart, String instance, String host) {
    if (execStart.contains("\"") || execStart.contains("'") || execStart.contains("$")) {
      throw new AssertionError("ExecStart with quotes or variables is outside what the test reads: " + execStart);
    }
    String s = execStart.replace("%i", instance).replace("%H", host);
    return Arrays.asList(s.strip().split("\\s+"));
  }

  /** An environment file: KEY=VALUE lines, comments and blank lines skipped. */
  static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String t = raw.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new AssertionError(file + ": not KEY=VALUE: " + t);
      }
      env.put(t.substring(0, eq), t.substring(eq + 1));
    }
    return env;
  }

  // ---- the launcher ---------------------------------------------------------------------------

  /**
   * What bin/zisk4j runs: the JVM flags between {@code java} and {@code -jar} on its exec line
   * (shell expansions such as {@code ${ZISK4J_JAVA_OPTS:-}} left out), and the jar path.
   */
  record Launcher(List<String> jvmFlags, String jarPath) {
    String jarName() {
      return Path.of(jarPath).getFileName().toString();
    }
  }

  static Launcher launcher(Path binZisk4j) throws IOException {
    String text = Files.readString(binZisk4j, StandardCharsets.UTF_8);
    Matcher jar = Pattern.compile("(?m)^jar=\"\\$root/([^\"]+)\"").matcher(text);
    Matcher exec = Pattern.compile("(?m)^exec \"\\$JAVA_HOME/bin/java\" (.*) -jar \"\\$jar\" \"\\$@\"$").matcher(text);
    if (!jar.find() || !exec.find()) {
      throw new AssertionError(binZisk4j + ": no jar=\"$root/…\" line or exec \"$JAVA_HOME/bin/java\" … -jar \"$jar\" line");
    }
    List<String> flags = Arrays.stream(exec.group(1).strip().split("\\s+")).filter(w -> !w.startsWith("$")).toList();
    return new Launcher(flags, jar.group(1));
  }

  /** Compose's {@code ${VAR:-default}} / {@code ${VAR}} interpolation with an empty environment. */
  static String composeInterpolate(String s) {
    Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}").matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
