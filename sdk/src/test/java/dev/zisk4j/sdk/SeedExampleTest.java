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
 * the same call site with a ZiskStdin: the two are interchangeable and give the same proof, on the
 * embedded client and on a remote cluster alike.
 */
class SeedExampleTest {
  static final GuestProgram PROGRAM = Guests.load("checksum");

  /** Stands in for the seed's {@code producer.chunks()}: three records of u64 words. */
  static List<byte[]> chunks() {
    return List.of(words(1, 2, 3), words(4, 5), words(6));
  }

  /**
   * The seed's host code, line for line: it does not know which client runs it. The stream is the
   * one kind each client reads (a local unix socket for the embedded prover, ZisK's {@code grpc()}
   * push for a coordinator), exactly as a ZisK host picks {@code ZiskStream::unix()} or {@code grpc()}.
   */
  static ProveResult seedHost(ProverClient client, ZiskStream stream) throws Exception {
    client.setup(PROGRAM).run().get();
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
    return proof;
  }

  /** The same call site with buffered input. */
  static ProveResult bufferedHost(ProverClient client) throws Exception {
    ZiskStdin stdin = new ZiskStdin();
    stdin.write(3L);
    for (byte[] chunk : chunks()) {
      stdin.writeSlice(chunk);
    }
    return client.prove(PROGRAM, stdin).run().get(120, TimeUnit.SECONDS);
  }

  /** checksum.zasm: words seen, s1 = sum of words, s2 = sum of running s1; the u64 record is one word (3). */
  static long[] expectedOutputs() {
    long[] ws = {3, 1, 2, 3, 4, 5, 6};
    long s1 = 0;
    long s2 = 0;
    for (long w : ws) {
      s1 += w;
      s2 += s1;
    }
    return new long[] {ws.length, s1, s2};
  }

  @Test
  void theSeedExampleRunsOnTheEmbeddedClientAndOnACluster() throws Exception {
    ProveResult embedded;
    ProveResult embeddedBuffered;
    try (ProverClient client = ProverClient.embedded().options(EmbeddedProverClientTest.SMALL).build()) {
      embedded = seedHost(client, ZiskStream.unix());
      embeddedBuffered = bufferedHost(client);
      assertThat(client.verify(embedded.proof()).run().get().valid()).isTrue();
    }
    assertThat(embedded.outputs()).containsExactly(expectedOutputs());
    assertThat(embeddedBuffered.proof().bytes()).isEqualTo(embedded.proof().bytes());

    // The same host code against a coordinator and a worker on loopback, proving with the same options.
    try (LocalCluster cluster = new LocalCluster(EmbeddedProverClientTest.SMALL);
        ProverClient client = ProverClient.remote(cluster.url()).build()) {
      ProveResult remote = seedHost(client, ZiskStream.grpc());
      ProveResult remoteBuffered = bufferedHost(client);
      assertThat(remote.outputs()).containsExactly(expectedOutputs());
      assertThat(client.verify(remote.proof()).run().get().valid()).isTrue();
      // the engine is deterministic: the cluster's bundle is the embedded prover's, byte for byte
      assertThat(remote.proof().bytes()).isEqualTo(embedded.proof().bytes());
      assertThat(remoteBuffered.proof().bytes()).isEqualTo(embedded.proof().bytes());
      assertThat(remote.segments()).isEqualTo(embedded.segments());
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
