package dev.zisk4j.datastream.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;

/** The one wording of "cannot listen": names the service, the address and the port, and what to do. */
public final class Listening {
  private Listening() {}

  /**
   * An {@link IOException} for a failed bind of {@code what} on {@code address:port}, e.g.
   * "data stream server: cannot listen on 0.0.0.0:6900: port 6900 is already in use (another server
   * on this machine? choose another port)".
   */
  public static IOException bindFailed(String what, String address, int port, Exception cause) {
    String why;
    if (cause instanceof BindException && String.valueOf(cause.getMessage()).toLowerCase().contains("in use")) {
      why = "port " + port + " is already in use (another server on this machine? choose another port)";
    } else if (cause instanceof UnresolvedAddressException) {
      why = "unknown address " + address;
    } else if (cause instanceof BindException) {
      why = cause.getMessage() + " (is " + address + " an address of this machine? ports below 1024 need privileges)";
    } else {
      why = String.valueOf(cause.getMessage());
    }
    return new IOException(what + ": cannot listen on " + address + ":" + port + ": " + why, cause);
  }
}
