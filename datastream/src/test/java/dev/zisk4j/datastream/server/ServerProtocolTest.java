package dev.zisk4j.datastream.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zisk4j.datastream.file.EntryPacket;
import dev.zisk4j.datastream.file.HeaderEntry;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.testing.RawConnection;
import dev.zisk4j.datastream.testing.StreamFixture;
import dev.zisk4j.datastream.wire.CommandFrame;
import dev.zisk4j.datastream.wire.DataResponse;
import dev.zisk4j.datastream.wire.ResultCode;
import dev.zisk4j.datastream.wire.ResultPacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-exact command/reply behaviour of spec §3 over a real socket, state by state. */
class ServerProtocolTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] OK = ResultPacket.of(ResultCode.OK).encode();

  @TempDir Path dir;
  private StreamFixture fx;
  private DataStreamServer server;

  @BeforeEach
  void setUp() throws IOException {
    fx = StreamFixture.in(dir);
    fx.commitOps(4, 2); // 12 entries: bookmark at 0, 3, 6, 9
    server = new DataStreamServer(fx.stream(), ServerConfig.loopback());
    server.start();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
    fx.close();
  }

  private static byte[] result(ResultCode c) {
    return ResultPacket.of(c).encode();
  }

  private void expect(RawConnection c, byte[] expected) throws IOException {
    assertThat(HEX.formatHex(c.read(expected.length))).isEqualTo(HEX.formatHex(expected));
  }

  @Test
  void headerReplyIsOkThenTheCommittedHeaderEntry() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.header(1));
      expect(c, OK);
      byte[] h = c.read(HeaderEntry.LENGTH);
      assertThat(HEX.formatHex(h, 0, 22)).isEqualTo("01" + "00000026" + "01" + "0000000000000089" + "0000000000000001");
      assertThat(HEX.formatHex(h)).isEqualTo(HEX.formatHex(HeaderEntry.toBytes(fx.stream().header())));
      assertThat(ByteBuffer.wrap(h).getLong(HeaderEntry.OFFSET_TOTAL_ENTRIES)).isEqualTo(12);
    }
  }

  @Test
  void entryFoundAndNotFound() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.entry(1, 4));
      expect(c, OK);
      expect(c, EntryPacket.toBytes(EntryPacket.DATA_RSP, fx.stream().entry(4)));
      c.send(CommandFrame.entry(1, 12));
      expect(c, OK);
      assertThat(HEX.formatHex(c.read(17))).isEqualTo("fe" + "00000011" + "ffffffff" + "0000000000000000");
      c.send(CommandFrame.entry(1, -1)); // u64 max
      expect(c, OK);
      expect(c, DataResponse.notFound());
    }
  }

  @Test
  void bookmarkReturnsFirstNonBookmarkEntryOrNotFound() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.bookmark(1, StreamFixture.bookmarkKey(3)));
      expect(c, OK);
      StreamEntry e4 = fx.stream().entry(4);
      expect(c, DataResponse.of(e4));
      c.send(CommandFrame.bookmark(1, StreamFixture.bookmarkKey(4)));
      expect(c, OK);
      expect(c, DataResponse.notFound());
    }
  }

  @Test
  void startStreamsFromTheEntryThenStopEndsIt() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 10));
      expect(c, OK);
      expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(10)));
      expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(11)));
      assertThat(c.silentFor(100)).isTrue();
      c.send(CommandFrame.stop(1));
      expect(c, OK);
      c.send(CommandFrame.stop(1));
      expect(c, result(ResultCode.ALREADY_STOPPED));
    }
  }

  @Test
  void startAtTipIsOkAndSilentUntilTheNextCommit() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 12));
      expect(c, OK);
      assertThat(c.silentFor(100)).isTrue();
      fx.commitOps(1, 1);
      expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(12)));
      expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(13)));
    }
  }

  @Test
  void startBeyondTipIsBadFromEntryAndLeavesTheConnectionUsable() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 13));
      expect(c, result(ResultCode.BAD_FROM_ENTRY));
      // Unlike the reference (stuck in Syncing), we are back in Stopped.
      c.send(CommandFrame.header(1));
      expect(c, OK);
      c.read(HeaderEntry.LENGTH);
      c.send(CommandFrame.start(1, -1));
      expect(c, result(ResultCode.BAD_FROM_ENTRY));
    }
  }

  @Test
  void startBookmarkStreamsFromTheBookmarkEntryItself() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.startBookmark(1, StreamFixture.bookmarkKey(9)));
      expect(c, OK);
      for (long n = 9; n < 12; n++) {
        expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(n)));
      }
      c.send(CommandFrame.stop(1));
      expect(c, OK);
      c.send(CommandFrame.startBookmark(1, StreamFixture.bookmarkKey(5)));
      expect(c, result(ResultCode.BAD_FROM_BOOKMARK));
      c.send(CommandFrame.entry(1, 0));
      expect(c, OK);
      expect(c, DataResponse.of(fx.stream().entry(0)));
    }
  }

  @Test
  void everyCommandWhileStreamingGetsTheReferenceCodes() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.start(1, 12));
      expect(c, OK);
      byte[][] refused = {
          CommandFrame.start(1, 0), CommandFrame.header(1), CommandFrame.entry(1, 0),
          CommandFrame.startBookmark(1, StreamFixture.bookmarkKey(0)), CommandFrame.bookmark(1, StreamFixture.bookmarkKey(0)),
          CommandFrame.rangeBookmark(1, StreamFixture.bookmarkKey(0), StreamFixture.bookmarkKey(3))};
      for (byte[] frame : refused) {
        c.send(frame);
        expect(c, result(ResultCode.ALREADY_STARTED));
      }
      c.send(CommandFrame.raw(100, 1));
      expect(c, result(ResultCode.INVALID_COMMAND));
      c.send(CommandFrame.stop(1));
      expect(c, OK);
    }
  }

  @Test
  void commandsInStoppedState() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.stop(1));
      expect(c, result(ResultCode.ALREADY_STOPPED));
      c.send(CommandFrame.raw(100, 1));
      expect(c, result(ResultCode.INVALID_COMMAND));
      c.send(CommandFrame.raw(0, 1));
      expect(c, result(ResultCode.INVALID_COMMAND));
    }
  }

  @Test
  void bookmarkLengthLimits() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      for (int len : new int[] {0, 17}) {
        for (long cmd : new long[] {4, 6}) {
          c.send(ByteBuffer.allocate(20 + len).putLong(cmd).putLong(1).putInt(len).array());
          expect(c, result(ResultCode.INVALID_COMMAND));
        }
      }
      byte[] sixteen = new byte[16];
      c.send(CommandFrame.bookmark(1, sixteen));
      expect(c, OK);
      expect(c, DataResponse.notFound());
      // Still in sync: a normal command works.
      c.send(CommandFrame.entry(1, 1));
      expect(c, OK);
      expect(c, DataResponse.of(fx.stream().entry(1)));
    }
  }

  @Test
  void hostileBookmarkLengthClosesOnlyThatConnection() throws IOException {
    try (RawConnection bad = new RawConnection(server.port()); RawConnection good = new RawConnection(server.port())) {
      bad.send(ByteBuffer.allocate(20).putLong(6).putLong(1).putInt(1 << 30).array());
      assertThat(bad.closedByServer()).isTrue();
      good.send(CommandFrame.entry(1, 2));
      expect(good, OK);
      expect(good, DataResponse.of(fx.stream().entry(2)));
    }
  }

  @Test
  void streamTypeMismatchClosesTheConnectionWithoutResult() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.header(2));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void rangeBookmarkOfTheFork() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.rangeBookmark(1, StreamFixture.bookmarkKey(3), StreamFixture.bookmarkKey(6)));
      expect(c, OK);
      assertThat(c.read(8)).isEqualTo(ByteBuffer.allocate(8).putLong(6).array());
      for (long n = 3; n <= 6; n++) {
        expect(c, EntryPacket.toBytes(EntryPacket.DATA, fx.stream().entry(n)));
      }
      // Back in Stopped: Stop is refused, queries work.
      c.send(CommandFrame.stop(1));
      expect(c, result(ResultCode.ALREADY_STOPPED));
      c.send(CommandFrame.rangeBookmark(1, StreamFixture.bookmarkKey(5), StreamFixture.bookmarkKey(6)));
      expect(c, result(ResultCode.BAD_FROM_BOOKMARK));
      c.send(CommandFrame.rangeBookmark(1, StreamFixture.bookmarkKey(3), StreamFixture.bookmarkKey(0)));
      expect(c, result(ResultCode.BAD_TO_BOOKMARK));
      c.send(CommandFrame.rangeBookmark(1, StreamFixture.bookmarkKey(3), StreamFixture.bookmarkKey(5)));
      expect(c, result(ResultCode.BAD_TO_BOOKMARK));
    }
  }

  @Test
  void truncatedFrameThenCloseDoesNotAffectTheServer() throws IOException {
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0});
    }
    try (RawConnection c = new RawConnection(server.port())) {
      c.send(CommandFrame.header(1));
      expect(c, OK);
    }
  }
}
