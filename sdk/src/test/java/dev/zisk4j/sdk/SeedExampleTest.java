package dev.zisk4j.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.io.ZiskStdin;
import dev.zisk4j.io.ZiskStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed's ZiskStream example (seeds/000, "Example of usage"), in Java almost word for word, and
 * the same call site with a ZiskStdin: the two are interchangeable and give the same proof.
 */
class SeedExampleTest {
  static final GuestProgram PROGRAM = Guests.load("checksum");

  /** Stands in for the seed's {@code producer.chunks()}: three records of u64 words. */
  static List<byte[]> chunks() {
    return List.of(words(1, 2, 3), words(4, 5), words(6));
  }

  @Test
  void theSeedExampleRuns() throws Exception {
    try (ProverClient client = ProverClient.embedded().options(EmbeddedProverClientTest.SMALL).build()) {
      client.setup(PROGRAM).run().get();
      ZiskStream stream = ZiskStream.unix();
      stream.write(3L);
      // Submit before the rest of the input has been produced
      JobHandle<ProveResult> job = client.prove(PROGRAM, stream).run();
      // Push records in as they arrive: the prover blocks on each read until the next flush lands
      for (byte[] chunk : chunks()) {
        stream.writeSlice(chunk);
        stream.flush();
      }
      ProveResult proof = job.get(120, TimeUnit.SECONDS);
      stream.close();

      // The same call site with buffered input.
      ZiskStdin stdin = new ZiskStdin();
      stdin.write(3L);
      for (byte[] chunk : chunks()) {
        stdin.writeSlice(chunk);
      }
      ProveResult buffered = client.prove(PROGRAM, stdin).run().get(120, TimeUnit.SECONDS);

      // checksum.zasm: words seen, s1 = sum of words, s2 = sum of running s1; the u64 record is one word (3).
      long[] ws = {3, 1, 2, 3, 4, 5, 6};
      long s1 = 0;
      long s2 = 0;
      for (long w : ws) {
        s1 += w;
        s2 += s1;
      }
      assertThat(proof.outputs()).containsExactly(ws.length, s1, s2);
      assertThat(buffered.proof().bytes()).isEqualTo(proof.proof().bytes());
      assertThat(client.verify(proof.proof()).run().get().valid()).isTrue();
    }
  }

  static byte[] words(long... ws) {
    ByteBuffer b = ByteBuffer.allocate(ws.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long w : ws) {
      b.putLong(w);
    }
    return b.array();
  }
}
