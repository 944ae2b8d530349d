package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ServerPacket;
import dev.zisk4j.datastream.wire.ServerPacketReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 10: many clients that keep reading, each at a bounded rate below the producer's,
 * must never be cut off, and must get every entry. The clients read more slowly than the producer
 * commits, so the server's writes block on full socket buffers for most of the run: what decides
 * is whether the write timeout measures lack of progress (right) or the duration of a whole write
 * (wrong: a write of a run into a nearly full socket buffer takes longer than the timeout although
 * the client reads all the time).
 *
 * <p>Default size: 100 clients, about 6 MB each at 600 kB/s (about 10 s; {@code -Dload.clients=}
 * and {@code -Dload.megabytes=} change it, {@code -Dload.threading=PLATFORM} runs it on platform
 * threads, whose blocking writes show no partial progress). The big version (tag {@code long}, {@code -Plong-tests}):
 * 100 clients at 300 kB/s for about a minute under the default server settings (3 s write timeout).
 */
class SlowReadersLoadTest {
  @TempDir Path dir;

  private static final int CLIENTS = Integer.getInteger("load.clients", 100);
  private static final int MEGABYTES = Integer.getInteger("load.megabytes", 6);
  private static final int READ_RATE = 600_000; // bytes/s per client
  private static final int ENTRY_DATA = 983; // 1000-byte DATA packets

  @Test
  void hundredSlowReadersAreNeverDroppedAndGetEverything() throws Exception {
    run(ServerConfig.loopback().withWriteTimeout(Duration.ofSeconds(2)).withCheckInterval(Duration.ofMillis(100))
            .withThreading(ServerConfig.Threading.valueOf(System.getProperty("load.threading", "VIRTUAL"))),
        CLIENTS, MEGABYTES, READ_RATE);
  }

  @Test
  @org.junit.jupiter.api.Tag("long")
  void hundredSlowReadersForAMinuteAtTheDefaultSettings() throws Exception {
    run(ServerConfig.loopback(), 100, 18, 300_000);
  }

  private void run(ServerConfig cfg, int clientCount, int megabytes, int readRate) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (StreamFixture fx = StreamFixture.in(dir);
        DataStreamServer server = new DataStreamServer(fx.stream(), cfg, registry)) {
      server.start();
      long total = (long) megabytes * 1000; // entries of 1000 bytes
      List<Socket> sockets = new ArrayList<>();
      List<Thread> readers = new ArrayList<>();
      List<AtomicReference<Throwable>> failures = new ArrayList<>();
      long[] received = new long[clientCount];
      for (int i = 0; i < clientCount; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.getOutputStream().write(CommandFrame.start(1, 0));
        sockets.add(s);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        failures.add(failed);
        int idx = i;
        readers.add(Thread.ofVirtual().start(() -> {
          try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new Throttled(s.getInputStream(), readRate), 8192));
            ServerPacketReader r = new ServerPacketReader(in);
            ServerPacket first = r.next();
            assertThat(first).isInstanceOf(ServerPacket.Result.class);
            assertThat(((ServerPacket.Result) first).result().errorNum()).isEqualTo(ResultCode.OK.errorNum());
            for (long n = 0; n < total; n++) {
              ServerPacket p = r.next();
              StreamEntry e = ((ServerPacket.Data) p).entry();
              assertThat(e.number()).isEqualTo(n);
              received[idx] = n + 1;
            }
          } catch (Throwable t) {
            failed.set(t);
          }
        }));
      }
      // The producer: 10 x 100 entries of 1000 bytes per op, as fast as it can (far faster than
      // any one reader), so every client's socket buffers fill up at once.
      byte[] data = new byte[ENTRY_DATA];
      for (long op = 0; op < total / 100; op++) {
        fx.stream().startAtomicOp();
        for (int i = 0; i < 100; i++) {
          fx.stream().addEntry(1, data);
        }
        fx.stream().commitAtomicOp();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30 + total * 1000L * 2 / readRate);
      for (Thread t : readers) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      double cut = registry.find("datastream.clients.disconnected").counters().stream()
          .mapToDouble(Counter::count).sum();
      long complete = 0;
      for (int i = 0; i < clientCount; i++) {
        if (received[i] == total) {
          complete++;
        }
      }
      for (Socket s : sockets) {
        s.close();
      }
      assertThat(cut).as("clients disconnected by the server while reading").isZero();
      assertThat(complete).as("clients that got all %d entries", total).isEqualTo(clientCount);
      for (AtomicReference<Throwable> f : failures) {
        assertThat(f.get()).isNull();
      }
    }
  }

  /** An input stream that delivers at most {@code rate} bytes/s, in reads of at most 8 KiB. */
  private static final class Throttled extends InputStream {
    private final InputStream in;
    private final long rate;
    private final long t0 = System.nanoTime();
    private long bytes;

    Throttled(InputStream in, long rate) {
      this.in = in;
      this.rate = rate;
    }

    @Override
    public int read() throws IOException {
      byte[] b = new byte[1];
      return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long due = t0 + bytes * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int n = in.read(b, off, Math.min(len, 8192));
      if (n > 0) {
        bytes += n;
      }
      return n;
    }
  }
}
