package dev.zisk4j.engine.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.InputFormatException;
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
  void aRaggedTailIsRefusedNamingTheOffset() {
    // Live input is held to the same framing as files (issue 13 item 6): three bytes are a truncated
    // record header, not a word to zero-pad.
    ReaderTape tape = new ReaderTape(InputReader.over(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}),
        InputReader.Options.DEFAULT));
    assertThatThrownBy(tape::next).isInstanceOf(InputFormatException.class)
        .hasMessageContaining("truncated record header").hasMessageContaining("offset=0");
  }

  private static long[] run(ProgramImage image, InputTape tape) throws Exception {
    OutputTape out = new OutputTape();
    new Executor(image).run(VmState.initial(image), tape, out, RunLimits.cycles(10_000_000), null);
    return out.toArray();
  }
}
