package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStdin;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReaderTapeTest {
  @Test
  void aGuestReadsExactlyWhatTheHostWroteWithZiskStdin() throws Exception {
    long[] words = new Random(5).longs(10_000).toArray();
    ByteBuffer payload = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long w : words) {
      payload.putLong(w);
    }
    ZiskStdin stdin = new ZiskStdin();
    stdin.writeSlice(payload.array());
    byte[] framed = stdin.bytes();
    ProgramImage sum = TestGuests.image("checksum");
    long[] viaReader = run(sum, new ReaderTape(InputReader.of(framed)));
    long[] viaBytes = run(sum, WordTape.ofBytes(framed));
    assertThat(viaReader).containsExactly(viaBytes);
    assertThat(viaReader[0]).isEqualTo(10_000);
  }

  @Test
  void aRaggedTailIsZeroPaddedAndTheEndReadsZero() throws Exception {
    ReaderTape tape = new ReaderTape(InputReader.over(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}),
        InputReader.Options.DEFAULT));
    assertThat(tape.next()).isEqualTo(0x030201L);
    assertThat(tape.next()).isZero();
    assertThat(tape.next()).isZero();
    assertThat(tape.position()).isEqualTo(3);
  }

  private static long[] run(ProgramImage image, InputTape tape) throws Exception {
    OutputTape out = new OutputTape();
    new Executor(image).run(VmState.initial(image), tape, out, RunLimits.cycles(10_000_000), null);
    return out.toArray();
  }
}
