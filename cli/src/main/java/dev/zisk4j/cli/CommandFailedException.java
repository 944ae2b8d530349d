package dev.zisk4j.cli;

/** A command that ran correctly but whose answer is "no" (e.g. an invalid proof): message and exit code. */
public final class CommandFailedException extends RuntimeException {
  private final int exitCode;

  public CommandFailedException(String message, int exitCode) {
    super(message);
    if (exitCode == 0) {
      throw new IllegalArgumentException("exitCode=0 is success, not a failure");
    }
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
