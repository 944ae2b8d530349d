package dev.zisk4j.sdk;

import dev.zisk4j.engine.api.ProveOptions;
import dev.zisk4j.io.ZiskStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Child-JVM body of {@link StreamingMemoryLongTest}: streams {@code MiB} of records through a unix
 * ZiskStream into an execute or prove job, in a JVM whose heap the test caps, and prints the result.
 * Exit 0 only if the job completed (and, for prove, the proof verified).
 */
public final class StreamingMemoryMain {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int mib = Integer.parseInt(args[1]);
    GuestProgram checksum = GuestProgram.fromImage("checksum", Guests.load("checksum").image().withLogMemoryWords(14));
    ProveOptions options = ProveOptions.standard().withMaxSegments(1 << 16);
    try (EmbeddedProverClient client = ProverClient.embedded().options(options).build();
         ZiskStream stream = ZiskStream.unix()) {
      JobHandle<?> job = mode.equals("execute") ? client.execute(checksum, stream).run() : client.prove(checksum, stream).run();
      byte[] record = new byte[1 << 20];
      ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < mib; i++) {
        b.clear();
        while (b.hasRemaining()) {
          b.putLong(i * 131071L + b.position());
        }
        stream.writeSlice(record);
        stream.flush();
      }
      Object result = job.get();
      if (result instanceof ProveResult pr && !client.verify(pr.proof()).run().get().valid()) {
        throw new AssertionError("proof did not verify");
      }
      System.out.println("ok " + mode + " " + mib + " MiB: " + result);
    }
  }
}
