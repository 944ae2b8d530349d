package dev.zisk4j.datastream.testing;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import dev.zisk4j.datastream.file.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A fresh stream file in a temp dir, with a helper that commits demo-shaped operations. */
public final class StreamFixture implements AutoCloseable {
  private final DataStream stream;

  /** A fixture on {@code dir/stream.bin}. */
  public static StreamFixture in(Path dir) throws IOException {
    return new StreamFixture(dir.resolve("stream.bin"));
  }

  /** A fixture on an explicit file path (reopening an existing file keeps its entries). */
  public static StreamFixture atFile(Path file) throws IOException {
    return new StreamFixture(file);
  }

  private StreamFixture(Path file) throws IOException {
    stream = DataStream.open(file, DataStreamConfig.defaults().withDurability(Durability.OS));
  }

  public DataStream stream() {
    return stream;
  }

  /** The bookmark key of op {@code i}: kind 0 + u64 i (the dsapp layout). */
  public static byte[] bookmarkKey(long i) {
    return ByteBuffer.allocate(9).put((byte) 0).putLong(i).array();
  }

  /** Commits {@code ops} operations of one bookmark plus {@code entriesPerOp} entries each. */
  public void commitOps(int ops, int entriesPerOp) throws IOException {
    for (int i = 0; i < ops; i++) {
      long opIndex = stream.header().totalEntries();
      stream.startAtomicOp();
      stream.addBookmark(bookmarkKey(opIndex));
      for (int j = 0; j < entriesPerOp; j++) {
        stream.addEntry(1 + (j % 3), payload(opIndex + 1 + j, 40));
      }
      stream.commitAtomicOp();
    }
  }

  /** A deterministic payload that encodes its entry number. */
  public static byte[] payload(long number, int size) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(size, 8));
    b.putLong(number);
    while (b.hasRemaining()) {
      b.put((byte) (number + b.position()));
    }
    return b.array();
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
