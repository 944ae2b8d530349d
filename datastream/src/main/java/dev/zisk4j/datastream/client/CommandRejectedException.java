package dev.zisk4j.datastream.client;

import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;

/** The server answered a query command with an error result; the result is kept. */
public final class CommandRejectedException extends IOException {
  private final transient ResultPacket result;

  public CommandRejectedException(String command, ResultPacket result) {
    super("server rejected " + command + ": errorNum=" + result.errorNum() + ", message=" + result.message());
    this.result = result;
  }

  public ResultPacket result() {
    return result;
  }
}
