package dev.zisk4j.io.bincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class BincodeRoundTripTest {

  private static <T> T roundTrip(BincodeType<T> t, T v) throws BincodeException {
    return t.fromBytes(t.toBytes(v));
  }

  @Property(tries = 300)
  void u64(@ForAll long v) throws Exception {
    assertThat(roundTrip(Bincode.U64, v)).isEqualTo(v);
    int size = Bincode.U64.toBytes(v).length;
    long u = v;
    int expected = (u >= 0 && u < 251) ? 1 : (u >= 0 && u < 65536) ? 3 : (u >= 0 && u < (1L << 32)) ? 5 : 9;
    assertThat(size).isEqualTo(expected);
  }

  @Property(tries = 300)
  void signed(@ForAll long a, @ForAll int b, @ForAll short c, @ForAll byte d) throws Exception {
    assertThat(roundTrip(Bincode.I64, a)).isEqualTo(a);
    assertThat(roundTrip(Bincode.I32, b)).isEqualTo(b);
    assertThat(roundTrip(Bincode.I16, c)).isEqualTo(c);
    assertThat(roundTrip(Bincode.I8, d)).isEqualTo(d);
  }

  @Property(tries = 300)
  void unsignedNarrow(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 65535) int b,
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long c) throws Exception {
    assertThat(roundTrip(Bincode.U8, a)).isEqualTo(a);
    assertThat(roundTrip(Bincode.U16, b)).isEqualTo(b);
    assertThat(roundTrip(Bincode.U32, c)).isEqualTo(c);
  }

  @Property(tries = 300)
  void wide(@ForAll @BigRange(min = "0", max = "340282366920938463463374607431768211455") BigInteger u,
      @ForAll @BigRange(min = "-170141183460469231731687303715884105728",
          max = "170141183460469231731687303715884105727") BigInteger s) throws Exception {
    assertThat(roundTrip(Bincode.U128, u)).isEqualTo(u);
    assertThat(roundTrip(Bincode.I128, s)).isEqualTo(s);
  }

  @Property(tries = 300)
  void floats(@ForAll float f, @ForAll double d) throws Exception {
    assertThat(Float.floatToRawIntBits(roundTrip(Bincode.F32, f))).isEqualTo(Float.floatToRawIntBits(f));
    assertThat(Double.doubleToRawLongBits(roundTrip(Bincode.F64, d))).isEqualTo(Double.doubleToRawLongBits(d));
  }

  @Property(tries = 300)
  void composites(@ForAll String s, @ForAll @Size(max = 300) byte[] bytes, @ForAll @Size(max = 50) List<Long> list,
      @ForAll @Size(max = 20) Map<String, Integer> map,
      @ForAll Optional<Boolean> opt) throws Exception {
    assertThat(roundTrip(Bincode.STRING, s)).isEqualTo(s);
    assertThat(roundTrip(Bincode.BYTES, bytes)).isEqualTo(bytes);
    assertThat(roundTrip(Bincode.list(Bincode.I64), list)).isEqualTo(list);
    assertThat(roundTrip(Bincode.map(Bincode.STRING, Bincode.I32), map)).isEqualTo(map);
    assertThat(roundTrip(Bincode.option(Bincode.BOOL), opt)).isEqualTo(opt);
  }

  @Property(tries = 300)
  void truncatedEncodingsNeverDecode(@ForAll @Size(max = 20) List<@StringLength(max = 40) String> list) {
    byte[] full = Bincode.list(Bincode.STRING).toBytes(list);
    for (int cut = 0; cut < full.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(full, cut);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bincode.list(Bincode.STRING).fromBytes(part))
          .isInstanceOf(BincodeException.class);
    }
  }
}
