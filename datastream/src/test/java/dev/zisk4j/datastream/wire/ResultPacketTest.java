package dev.zisk4j.datastream.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;

class ResultPacketTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hexOf(String ascii) {
    return HEX.formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void goldenVectorsFromSpec() {
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.OK).encode())).isEqualTo("ff0000000b000000004f4b");
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.ALREADY_STARTED).encode()))
        .isEqualTo("ff" + "00000018" + "00000001" + hexOf("Already started"));
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.BAD_FROM_ENTRY).encode()))
        .isEqualTo("ff" + "00000017" + "00000003" + hexOf("Bad from entry"));
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.BAD_FROM_BOOKMARK).encode()))
        .isEqualTo("ff" + "0000001a" + "00000004" + hexOf("Bad from bookmark"));
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.INVALID_COMMAND).encode()))
        .isEqualTo("ff" + "00000018" + "00000009" + hexOf("Invalid command"));
    assertThat(HEX.formatHex(ResultPacket.of(ResultCode.ALREADY_STOPPED).encode()))
        .isEqualTo("ff" + "00000018" + "00000002" + hexOf("Already stopped"));
  }

  @Test
  void codesMatchSpecTable() {
    assertThat(ResultCode.of(0)).isEqualTo(ResultCode.OK);
    assertThat(ResultCode.of(5)).isEqualTo(ResultCode.BAD_TO_BOOKMARK);
    assertThat(ResultCode.of(9)).isEqualTo(ResultCode.INVALID_COMMAND);
    assertThat(ResultCode.of(6)).isNull();
  }

  @Test
  void readerRejectsBadLengths() {
    for (String hex : new String[] {"00000008000000004f4b", "ffffffff00000000"}) {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(HEX.parseHex(hex)));
      assertThatThrownBy(() -> ResultPacket.readAfterType(in))
          .isInstanceOf(MalformedFrameException.class)
          .hasMessageContaining("result packet length out of range");
    }
  }

  @Property
  void roundTrip(@ForAll int errorNum, @ForAll @StringLength(max = 100) @CharRange(from = ' ', to = '~') String msg)
      throws IOException {
    byte[] bytes = new ResultPacket(errorNum, msg).encode();
    assertThat(bytes[0]).isEqualTo(PacketType.RESULT);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
    assertThat(ResultPacket.readAfterType(in)).isEqualTo(new ResultPacket(errorNum, msg));
  }
}
