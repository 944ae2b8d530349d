package dev.zisk4j.io.transport.unix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The SDK side of {@code unix()} / {@code unixAt(path)}: owns a listening SEQPACKET socket file from
 * construction to {@link #close}, and accepts one consumer connection per job.
 *
 * <p>A consumer that connects before the job's {@link #awaitConsumer} waits in the listen backlog.
 */
public final class UnixProducerTransport extends SeqPacketProducerTransport {
  private final SeqPacketListener listener;

  private UnixProducerTransport(SeqPacketListener listener) {
    super(UnixTransport.uriOf(listener.path()));
    this.listener = listener;
  }

  /** Listens at {@code path}, replacing a stale socket file there. */
  public static UnixProducerTransport bind(Path path) throws IOException {
    return new UnixProducerTransport(SeqPacketListener.bind(path.toAbsolutePath()));
  }

  /** Listens at {@code /tmp/zisk-input-<uuid v4>.sock}, ZisK's default location. */
  public static UnixProducerTransport bindTemporary() throws IOException {
    return bind(Path.of("/tmp", "zisk-input-" + UUID.randomUUID() + ".sock"));
  }

  @Override
  SeqPacketSocket openConnection(Duration deadline) throws IOException {
    return listener.accept(deadline);
  }

  @Override
  void release() {
    listener.close();
  }
}
