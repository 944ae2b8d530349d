package dev.zisk4j.engine.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code .include "FILE"} lines (PRECOMPILES.md §8): the file's lines take the directive's place,
 * as if written there, so labels and {@code .equ} names share one namespace. FILE is relative to the
 * including file. A file is included once per program (a later {@code .include} of the same file is
 * skipped, so libraries may include what they need); an include cycle, a missing file, more than
 * {@value #MAX_DEPTH} levels or more than {@value #MAX_LINES} lines in all are {@link AsmException}s
 * naming the directive's file and line.
 */
final class SourceIncludes {
  static final int MAX_DEPTH = 16;
  static final int MAX_LINES = 1 << 20;
  private static final Pattern INCLUDE = Pattern.compile("^\\s*\\.include\\b(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED = Pattern.compile("^\\s*\"([^\"]+)\"\\s*$");

  private final List<SourceLine> out = new ArrayList<>();
  private final Set<Path> done = new HashSet<>();
  private final Deque<Path> stack = new ArrayDeque<>();

  private SourceIncludes() {}

  static List<SourceLine> expand(String source, Path origin) throws AsmException {
    SourceIncludes e = new SourceIncludes();
    Path top = origin == null ? null : origin.toAbsolutePath().normalize();
    if (top != null) {
      e.done.add(top);
      e.stack.push(top);
    }
    e.file(source, top, null);
    return e.out;
  }

  private void file(String source, Path path, String name) throws AsmException {
    String[] lines = source.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i];
      int semi = text.indexOf(';');
      String code = semi >= 0 ? text.substring(0, semi) : text;
      Matcher m = INCLUDE.matcher(code);
      if (!m.matches()) {
        if (out.size() >= MAX_LINES) {
          throw error(name, i + 1, "program too large: more than " + MAX_LINES + " lines with includes");
        }
        out.add(new SourceLine(text, name, i + 1));
        continue;
      }
      out.add(new SourceLine("", name, i + 1)); // keeps the count of lines honest for errors after the pass
      Matcher q = QUOTED.matcher(m.group(1));
      if (!q.matches()) {
        throw error(name, i + 1, ".include expects a quoted file name: .include \"lib/x.zasm\"");
      }
      if (path == null) {
        throw error(name, i + 1, ".include needs a source file to resolve against (assemble the file, not text)");
      }
      Path target = path.resolveSibling(q.group(1)).toAbsolutePath().normalize();
      if (stack.contains(target)) {
        throw error(name, i + 1, "include cycle: " + q.group(1) + " includes itself");
      }
      if (!done.add(target)) {
        continue;
      }
      if (stack.size() >= MAX_DEPTH) {
        throw error(name, i + 1, "includes nested deeper than " + MAX_DEPTH);
      }
      String text2;
      try {
        text2 = Files.readString(target);
      } catch (IOException ex) {
        throw error(name, i + 1, "cannot read included file " + q.group(1) + ": " + ex.getClass().getSimpleName()
            + " " + ex.getMessage());
      }
      stack.push(target);
      file(text2, target, path == null ? q.group(1) : relativeName(target));
      stack.pop();
    }
  }

  private Path root() {
    return stack.peekLast();
  }

  private String relativeName(Path target) {
    Path base = root() == null ? null : root().getParent();
    return base == null ? target.toString() : base.relativize(target).toString().replace('\\', '/');
  }

  private static AsmException error(String file, int line, String message) {
    return file == null ? new AsmException(line, 1, message) : new AsmException(file, line, 1, message);
  }

}
