package dev.zisk4j.engine.vm;

/** An assembly error at a 1-based line and column of the source. */
public final class AsmException extends Exception {
  private final int line;
  private final int column;

  public AsmException(int line, int column, String message) {
    super("line " + line + ", column " + column + ": " + message);
    this.line = line;
    this.column = column;
  }

  /** 1-based source line. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending token. */
  public int column() {
    return column;
  }
}
