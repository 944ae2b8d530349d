package dev.zisk4j.engine.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of one {@code .zasm} line, with its 1-based column.
 *
 * @param kind what the token is
 * @param text the source text (for a NUMBER, its digits and prefix)
 * @param column 1-based column of the first character
 */
record AsmToken(Kind kind, String text, int column) {
  enum Kind { IDENT, NUMBER, PUNCT, END }

  boolean is(String punct) {
    return kind == Kind.PUNCT && text.equals(punct);
  }

  String describe() {
    return kind == Kind.END ? "end of line" : "'" + text + "'";
  }

  /** Splits a line (comment already removed) into tokens; the list ends with an END token. */
  static List<AsmToken> lex(String line, int lineNo) throws AsmException {
    List<AsmToken> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_' || c == '.') {
        int start = i;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_'
            || line.charAt(i) == '.')) {
          i++;
        }
        out.add(new AsmToken(Kind.IDENT, line.substring(start, i), start + 1));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
          i++;
        }
        out.add(new AsmToken(Kind.NUMBER, line.substring(start, i), start + 1));
      } else if (",:[]+-".indexOf(c) >= 0) {
        out.add(new AsmToken(Kind.PUNCT, String.valueOf(c), i + 1));
        i++;
      } else {
        throw new AsmException(lineNo, i + 1, "unexpected character '" + c + "'");
      }
    }
    out.add(new AsmToken(Kind.END, "", line.length() + 1));
    return out;
  }
}
