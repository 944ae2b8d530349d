package dev.zisk4j.io.transport.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.bincode.Bincode;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEQPACKET socket behaviour the transport relies on, on real sockets. */
class UnixSocketTest {

  private static Path tempSocket() {
    return Path.of("/tmp", "zisk4j-t-" + UUID.randomUUID() + ".sock");
  }

  @Test
  void unixReportsAUriUnderTmpAndCloseUnlinksTheSocket() throws IOException {
    ZiskStream s = ZiskStream.unix();
    assertThat(s.uri().toString()).matches("unix:///tmp/zisk-input-[0-9a-f-]{36}\\.sock");
    Path p = UnixTransport.pathOf(s.uri());
    assertThat(p).exists();
    s.close();
    assertThat(p).doesNotExist();
  }

  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    Path p = tempSocket();
    SeqPacketListener stale = SeqPacketListener.bind(p);
    // Simulate a crashed owner: close the descriptor but leave the file behind.
    SeqPacketNative.close(staleFd(stale));
    assertThat(p).exists();
    try (ZiskStream s = ZiskStream.unixAt(p)) {
      CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> {
        try (InputReader r = s.openReader()) {
          return r.readSlice();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      s.writeSlice(new byte[] {42});
      s.flush();
      s.finish();
      assertThat(got.get(20, TimeUnit.SECONDS)).containsExactly(42);
    }
  }

  private static int staleFd(SeqPacketListener l) throws ReflectiveOperationException {
    var f = SeqPacketListener.class.getDeclaredField("fd");
    f.setAccessible(true);
    return f.getInt(l);
  }

  @Test
  void aRegularFileIsNeverReplaced(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("data.bin");
    Files.write(f, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ZiskStream.unixAt(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a socket");
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
  }

  @Test
  void pathsLongerThanSunPathAreRejected() {
    Path longPath = Path.of("/tmp/" + "x".repeat(120) + ".sock");
    assertThatThrownBy(() -> ZiskStream.unixAt(longPath)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max=107");
    assertThatThrownBy(() -> ZiskStream.unixExternal(longPath)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectingToNothingTimesOutWithThePath() {
    Path p = tempSocket();
    assertThatThrownBy(() -> SeqPacketSocket.connect(p, Duration.ofMillis(100)))
        .isInstanceOf(dev.zisk4j.io.transport.TransportTimeoutException.class).hasMessageContaining(p.toString());
  }

  @Test
  void oneSendIsOneReceiveAndOversizedMessagesAreRejectedOnBothSides() throws Exception {
    Path p = tempSocket();
    try (SeqPacketListener l = SeqPacketListener.bind(p);
        SeqPacketSocket client = SeqPacketSocket.connect(p, Duration.ofSeconds(5));
        SeqPacketSocket server = l.accept(Duration.ofSeconds(5))) {
      client.setSendBufferSize(1 << 20);
      client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      client.send(ByteBuffer.wrap(new byte[] {4}));
      assertThat(server.receive().byteSize()).isEqualTo(3);
      assertThat(server.receive().byteSize()).isEqualTo(1);

      assertThatThrownBy(() -> client.send(ByteBuffer.allocate(0))).hasMessageContaining("length=0");
      assertThatThrownBy(() -> client.send(ByteBuffer.allocate(UnixTransport.MAX_MESSAGE_BYTES + 1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max=131072");

      // A hostile or foreign writer sending more than 128 KiB in one message: the reader refuses it.
      int fd = clientFd(client);
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment big = arena.allocate(UnixTransport.MAX_MESSAGE_BYTES + 8);
        SeqPacketNative.send(fd, big, big.byteSize(), SeqPacketNative.newCallState(arena));
      }
      assertThatThrownBy(server::receive).isInstanceOf(IOException.class).hasMessageContaining("too large");
    }
  }

  private static int clientFd(SeqPacketSocket s) throws ReflectiveOperationException {
    var f = SeqPacketSocket.class.getDeclaredField("fd");
    f.setAccessible(true);
    return f.getInt(s);
  }

  @Test
  void closeFromAnotherThreadWakesABlockedReceive() throws Exception {
    Path p = tempSocket();
    try (SeqPacketListener l = SeqPacketListener.bind(p);
        SeqPacketSocket client = SeqPacketSocket.connect(p, Duration.ofSeconds(5))) {
      SeqPacketSocket server = l.accept(Duration.ofSeconds(5));
      CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> {
        try {
          return server.receive().byteSize();
        } catch (IOException e) {
          return -1L;
        }
      });
      server.close();
      assertThat(blocked.get(10, TimeUnit.SECONDS)).isLessThanOrEqualTo(0L);
    }
  }

  @Test
  void uriRoundTripsPathsWithSpaces() {
    Path p = Path.of("/tmp/a dir/s.sock");
    URI u = UnixTransport.uriOf(p);
    assertThat(u.toString()).startsWith("unix:///tmp/a");
    assertThat(UnixTransport.pathOf(u)).isEqualTo(p);
    assertThat(UnixTransport.pathOf(URI.create("unix:///tmp/x.sock"))).isEqualTo(Path.of("/tmp/x.sock"));
    assertThatThrownBy(() -> UnixTransport.pathOf(URI.create("quic://h:1"))).hasMessageContaining("not a unix URI");
  }

  @Test
  void openReaderOnAStreamConsumesItsOwnSocket() throws Exception {
    try (ZiskStream s = ZiskStream.unix()) {
      CompletableFuture<Long> got = CompletableFuture.supplyAsync(() -> {
        try (InputReader r = s.openReader()) {
          return r.read(Bincode.U64);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      s.write(Bincode.U64, 1L << 40);
      s.flush();
      s.finish();
      assertThat(got.get(20, TimeUnit.SECONDS)).isEqualTo(1L << 40);
    }
  }

  /** A hostile producer on a real socket: whatever it sends, the reader fails with the offset, never hangs or over-allocates. */
  @Test
  void hostileProducersGetClearReaderErrors() throws Exception {
    byte[] huge = new byte[8];
    dev.zisk4j.io.RecordFraming.putHeader(huge, 0, 1L << 40);
    assertReaderFails(huge, "record length exceeds maximum");
    byte[] truncated = new byte[12];
    dev.zisk4j.io.RecordFraming.putHeader(truncated, 0, 100);
    assertReaderFails(truncated, "truncated record payload");
    assertReaderFails(new byte[] {1, 2, 3}, "truncated record header");
    byte[] badPadding = dev.zisk4j.io.RecordFraming.frame(new byte[] {1});
    badPadding[9] = (byte) 0xEE;
    assertReaderFails(badPadding, "non-zero record padding");
  }

  private static void assertReaderFails(byte[] sent, String message) throws Exception {
    Path p = tempSocket();
    try (SeqPacketListener l = SeqPacketListener.bind(p)) {
      CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
        try (InputReader r = InputReader.open(UnixTransport.uriOf(p))) {
          while (r.hasMore()) {
            r.readSlice();
          }
          return null;
        } catch (IOException e) {
          return e;
        }
      });
      try (SeqPacketSocket producer = l.accept(Duration.ofSeconds(10))) {
        producer.send(ByteBuffer.wrap(sent));
      }
      assertThat(reader.get(20, TimeUnit.SECONDS)).isInstanceOf(dev.zisk4j.io.InputFormatException.class)
          .hasMessageContaining(message).hasMessageContaining("offset=");
    }
  }
}
