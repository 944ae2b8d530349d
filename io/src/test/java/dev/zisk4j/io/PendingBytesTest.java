package dev.zisk4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PendingBytesTest {

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void aLentViewSurvivesClearGrowthAndLaterWrites() {
    PendingBytes p = new PendingBytes();
    p.appendRaw(filled(1000, 1), 0, 1000);
    ByteBuffer view = p.lendHead(600);
    p.clear();
    p.appendRaw(filled(3000, 2), 0, 3000);
    p.appendRaw(filled(100_000, 3), 0, 100_000);
    assertThat(bytes(view)).isEqualTo(filled(600, 1));
    p.release();
    p.consumeTo(600);
    assertThat(p.headPosition()).isEqualTo(1000);
    assertThat(p.size()).isEqualTo(103_000);
    byte[] all = p.toByteArray();
    assertThat(all[0]).isEqualTo((byte) 2);
    assertThat(all[102_999]).isEqualTo((byte) 3);
  }

  @Test
  void consumeDropsOnlyDeliveredBytesAndNeverTwice() {
    PendingBytes p = new PendingBytes();
    p.appendRecord(new byte[] {5, 6, 7}, 0, 3);
    assertThat(p.size()).isEqualTo(16);
    ByteBuffer view = p.lendHead(8);
    assertThat(view.remaining()).isEqualTo(8);
    p.release();
    p.consumeTo(8);
    p.consumeTo(8);
    assertThat(p.size()).isEqualTo(8);
    assertThat(p.toByteArray()).containsExactly(5, 6, 7, 0, 0, 0, 0, 0);
  }

  @Test
  void onlyOneLoanAtATime() {
    PendingBytes p = new PendingBytes();
    p.appendRaw(new byte[8], 0, 8);
    p.lendHead(8);
    assertThatThrownBy(() -> p.lendHead(8)).isInstanceOf(IllegalStateException.class);
  }
}
