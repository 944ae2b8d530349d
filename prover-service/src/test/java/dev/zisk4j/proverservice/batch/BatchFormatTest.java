package dev.zisk4j.proverservice.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.proverservice.TestInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BatchFormatTest {
  @Test
  void goldenBytes() {
    Transfer t = new Transfer(TestInputs.address(1), TestInputs.address(2), 0x0102030405060708L, 9);
    String hex = HexFormat.of().formatHex(BatchFormat.encode(List.of(t)));
    assertThat(hex).isEqualTo("01" + "0001"
        + "a0" + "00".repeat(18) + "01" + "a0" + "00".repeat(18) + "02" + "0102030405060708" + "0000000000000009");
  }

  @Provide
  Arbitrary<Transfer> transfers() {
    Arbitrary<Address> addr = Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::of);
    return Combinators.combine(addr, addr, Arbitraries.longs(), Arbitraries.longs()).as(Transfer::new);
  }

  @Property(tries = 200)
  void roundTrips(@ForAll @Size(max = 40) List<@net.jqwik.api.From("transfers") Transfer> ts) throws Exception {
    assertThat(BatchFormat.decode(BatchFormat.encode(ts)).transfers()).isEqualTo(ts);
  }

  @Property(tries = 200)
  void everyTruncationOrExtensionIsRejected(@ForAll @Size(min = 1, max = 5) List<@net.jqwik.api.From("transfers") Transfer> ts,
      @ForAll byte extra) {
    byte[] b = BatchFormat.encode(ts);
    for (int len = 0; len < b.length; len++) {
      byte[] cut = Arrays.copyOf(b, len);
      assertThatThrownBy(() -> BatchFormat.decode(cut)).isInstanceOf(MalformedBatchException.class);
    }
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    longer[b.length] = extra;
    assertThatThrownBy(() -> BatchFormat.decode(longer)).isInstanceOf(MalformedBatchException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void hostileHeaders() {
    assertThatThrownBy(() -> BatchFormat.decode(new byte[0])).hasMessageContaining("truncated in its header");
    assertThatThrownBy(() -> BatchFormat.decode(new byte[] {2, 0, 0})).hasMessageContaining("version=2");
    assertThatThrownBy(() -> BatchFormat.decode(new byte[] {1, (byte) 0xff, (byte) 0xff}))
        .hasMessageContaining("count=65535, max=500");
    assertThatThrownBy(() -> BatchFormat.decode(new byte[] {1, 0, 1})).hasMessageContaining("expected=59");
    List<Transfer> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add(new Transfer(TestInputs.address(i), TestInputs.address(i), 0, 0));
    }
    assertThatThrownBy(() -> BatchFormat.encode(many)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressLimbsAreLittleEndian32BitWords() {
    byte[] b = new byte[20];
    for (int i = 0; i < 20; i++) {
      b[i] = (byte) (i + 1);
    }
    assertThat(Address.of(b).limbs()).containsExactly(0x11121314L, 0x0d0e0f10L, 0x090a0b0cL, 0x05060708L, 0x01020304L);
    assertThat(Address.of(b)).hasToString("0x0102030405060708090a0b0c0d0e0f1011121314");
  }
}
