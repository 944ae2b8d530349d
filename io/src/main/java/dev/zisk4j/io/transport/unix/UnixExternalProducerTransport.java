package dev.zisk4j.io.transport.unix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The SDK side of {@code unixExternal(path)}: another process owns the socket file and listens on it;
 * the SDK connects per job and only writes. Nothing is bound, created or unlinked here.
 *
 * <p>Difference from ZisK, where start/finish are no-ops for an external socket: here each job
 * connects on its first flush and disconnects on finish, so the listener sees a clean end of input
 * per job just as with {@code unix()}.
 */
public final class UnixExternalProducerTransport extends SeqPacketProducerTransport {
  private final Path path;

  /** @throws IllegalArgumentException if the path does not fit {@code sun_path} */
  public UnixExternalProducerTransport(Path path) {
    super(UnixTransport.uriOf(checked(path.toAbsolutePath())));
    this.path = path.toAbsolutePath();
  }

  private static Path checked(Path path) {
    SeqPacketNative.checkPathFits(path);
    return path;
  }

  @Override
  SeqPacketSocket openConnection(Duration deadline) throws IOException {
    return SeqPacketSocket.connect(path, deadline, this::isClosed);
  }

  @Override
  void release() {
    // The socket file belongs to its listener.
  }
}
