package dev.zisk4j.engine.vm;

/** An assembly error at a 1-based line and column of the source (or of an included file, named first). */
public final class AsmException extends Exception {
  private final int line;
  private final int column;
  private final String reason;

  public AsmException(int line, int column, String message) {
    super("line " + line + ", column " + column + ": " + message);
    this.line = line;
    this.column = column;
    this.reason = message;
  }

  /** An error inside an included file: the message starts with the file. */
  public AsmException(String file, int line, int column, String message) {
    super(file + ": line " + line + ", column " + column + ": " + message);
    this.line = line;
    this.column = column;
    this.reason = message;
  }

  /** The message without its position. */
  public String reason() {
    return reason;
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
