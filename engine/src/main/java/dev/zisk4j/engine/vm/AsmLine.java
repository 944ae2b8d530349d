package dev.zisk4j.engine.vm;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cursor over the tokens of one source line, with the operand grammar of engine.md §2.3.
 *
 * <p>Symbols resolve through {@code symbols}; when {@code lenient} is set (the assembler's first
 * pass, which only counts instructions and collects labels) an unknown symbol reads as 0.
 */
final class AsmLine {
  private static final BigInteger P = new BigInteger(Long.toUnsignedString(Isa.P));

  private final List<AsmToken> tokens;
  private final int lineNo;
  private final Map<String, Long> symbols;
  private boolean lenient;
  private int pos;

  AsmLine(List<AsmToken> tokens, int lineNo, Map<String, Long> symbols, boolean lenient) {
    this.tokens = tokens;
    this.lineNo = lineNo;
    this.symbols = symbols;
    this.lenient = lenient;
  }

  AsmToken peek() {
    return tokens.get(pos);
  }

  AsmToken peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  AsmToken next() {
    AsmToken t = tokens.get(pos);
    if (t.kind() != AsmToken.Kind.END) {
      pos++;
    }
    return t;
  }

  int lineNo() {
    return lineNo;
  }

  AsmException error(AsmToken at, String message) {
    return new AsmException(lineNo, at.column(), message);
  }

  void expect(String punct) throws AsmException {
    AsmToken t = next();
    if (!t.is(punct)) {
      throw error(t, "expected '" + punct + "' but found " + t.describe());
    }
  }

  void expectEnd() throws AsmException {
    AsmToken t = peek();
    if (t.kind() != AsmToken.Kind.END) {
      throw error(t, "unexpected " + t.describe() + " after the operands");
    }
  }

  /** True if the next token is a register name. */
  boolean atRegister() {
    return registerIndex(peek()) >= 0;
  }

  int register() throws AsmException {
    AsmToken t = next();
    int r = registerIndex(t);
    if (r < 0) {
      throw error(t, "expected a register r0..r7 but found " + t.describe());
    }
    return r;
  }

  private static int registerIndex(AsmToken t) {
    if (t.kind() != AsmToken.Kind.IDENT || t.text().length() != 2) {
      return -1;
    }
    String s = t.text().toLowerCase(Locale.ROOT);
    return s.charAt(0) == 'r' && s.charAt(1) >= '0' && s.charAt(1) <= '7' ? s.charAt(1) - '0' : -1;
  }

  /** An immediate: optional '-', then a number, a label or an .equ name; negatives map to p − v. */
  long immediate() throws AsmException {
    boolean negative = false;
    if (peek().is("-")) {
      next();
      negative = true;
    }
    long v = signed(negative);
    // NAME+4, BASE-1: sums of atoms, in the field (so a library can address RAM from a caller's base)
    while (peek().is("+") || peek().is("-")) {
      boolean minus = next().is("-");
      v = dev.zisk4j.engine.field.Goldilocks.add(v, signed(minus));
    }
    return v;
  }

  /** An immediate whose names must already be defined, even in a lenient pass. */
  long strictImmediate() throws AsmException {
    boolean saved = lenient;
    lenient = false;
    try {
      return immediate();
    } finally {
      lenient = saved;
    }
  }

  private long signed(boolean negative) throws AsmException {
    AsmToken t = next();
    long v = atom(t);
    return negative && v != 0 ? Isa.P - v : v;
  }

  private long atom(AsmToken t) throws AsmException {
    if (t.kind() == AsmToken.Kind.NUMBER) {
      return number(t);
    }
    if (t.kind() == AsmToken.Kind.IDENT && registerIndex(t) < 0) {
      Long v = symbols.get(t.text());
      if (v == null) {
        if (lenient) {
          return 0;
        }
        throw error(t, "undefined symbol '" + t.text() + "'");
      }
      return v;
    }
    throw error(t, "expected an immediate (number, label or .equ name) but found " + t.describe());
  }

  private long number(AsmToken t) throws AsmException {
    String s = t.text().replace("_", "");
    BigInteger v;
    try {
      if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
        v = new BigInteger(s.substring(2), 16);
      } else {
        v = new BigInteger(s, 10);
      }
    } catch (NumberFormatException e) {
      throw error(t, "malformed number '" + t.text() + "'");
    }
    if (v.compareTo(P) >= 0) {
      throw error(t, "immediate " + t.text() + " is not below p = 2^64 - 2^32 + 1");
    }
    return v.longValue();
  }

  /** Operand B: rX, imm, rX+imm or rX-imm; returns {rs2, imm}. */
  long[] operandB() throws AsmException {
    if (!atRegister()) {
      return new long[] {0, immediate()};
    }
    int r = register();
    if (peek().is("+")) {
      next();
      return new long[] {r, immediate()};
    }
    if (peek().is("-")) {
      next();
      return new long[] {r, signed(true)};
    }
    return new long[] {r, 0};
  }

  /** A memory operand [rX], [rX+imm], [rX-imm] or [imm]; returns {rs1, imm}. */
  long[] memoryOperand() throws AsmException {
    expect("[");
    long[] base = operandB();
    expect("]");
    return base;
  }
}
