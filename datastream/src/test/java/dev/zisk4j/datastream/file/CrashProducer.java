package dev.zisk4j.datastream.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Child-JVM producer for {@link CrashTest}: appends a deterministic sequence (entry n is always
 * {@link #expected(long)}) in random-sized atomic ops, with rollbacks and truncates mixed in, and
 * prints {@code C <totalEntries>} after each commit and {@code t <n>} before each truncate, until killed.
 */
public final class CrashProducer {
  private CrashProducer() {}

  /** Entry n of the deterministic sequence: every 7th is a bookmark "bm<n>", the rest typed by n. */
  static StreamEntry expected(long n) {
    if (n % 7 == 0) {
      return new StreamEntry(n, StreamEntry.BOOKMARK_TYPE, bookmarkKey(n));
    }
    ByteBuffer b = ByteBuffer.allocate(8 + (int) ((n * 31) % 700));
    b.putLong(n);
    while (b.hasRemaining()) {
      b.put((byte) (n * 13));
    }
    return new StreamEntry(n, (int) (n % 5) + 1, b.array());
  }

  static byte[] bookmarkKey(long n) {
    return ("bm" + n).getBytes(StandardCharsets.US_ASCII);
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Durability durability = Durability.valueOf(args[1]);
    long seed = Long.parseLong(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    try (DataStream s = DataStream.open(file, DataStreamConfig.defaults().withDurability(durability))) {
      if (threads == 1) {
        produce(s, new SplittableRandom(seed), true);
        return;
      }
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        SplittableRandom rnd = new SplittableRandom(seed + t);
        ts[t] = Thread.ofPlatform().start(() -> {
          try {
            produce(s, rnd, false);
          } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
          }
        });
      }
      for (Thread t : ts) {
        t.join();
      }
    }
  }

  /**
   * Commits, rolls back and (single-threaded only, so that the parent can order the reports)
   * truncates forever. Each commit prints the end it made durable.
   */
  private static void produce(DataStream s, SplittableRandom rnd, boolean truncates) throws Exception {
    while (true) {
      int choice = rnd.nextInt(100);
      long total = s.header().totalEntries();
      if (truncates && choice < 3 && total > 10) {
        long to = total - 1 - rnd.nextInt((int) Math.min(total - 1, 50));
        synchronized (System.out) {
          System.out.println("t " + to);
          System.out.flush();
        }
        s.truncate(to);
        continue;
      }
      s.startAtomicOp();
      int count = 1 + rnd.nextInt(30);
      if (choice < 10) {
        for (int i = 0; i < count; i++) {
          s.addEntry(99, new byte[1 + rnd.nextInt(5000)]);
        }
        s.addBookmark("never".getBytes(StandardCharsets.US_ASCII));
        s.rollbackAtomicOp();
        continue;
      }
      long end = 0;
      for (int i = 0; i < count; i++) {
        StreamEntry e = expected(s.nextEntryNumber());
        long n = e.isBookmark() ? s.addBookmark(e.data()) : s.addEntry(e.type(), e.data());
        if (n != e.number()) {
          throw new IllegalStateException("numbering broke: n=" + n + ", expected=" + e.number());
        }
        end = n + 1;
      }
      s.commitAtomicOp();
      synchronized (System.out) {
        System.out.println("C " + end);
        System.out.flush();
      }
    }
  }
}
