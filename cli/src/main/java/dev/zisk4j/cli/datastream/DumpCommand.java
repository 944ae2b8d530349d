package dev.zisk4j.cli.datastream;

import dev.zisk4j.cli.BadValue;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.EntryCursor;
import dev.zisk4j.datastream.file.StreamEntry;
import dev.zisk4j.datastream.file.StreamHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zisk4j datastream dump F}: prints a stream file's header and its committed entries, one
 * line each, reading it read-only (works on a file another process is writing, and on files cut to
 * their committed length).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print a stream file's header and committed entries, one line each.")
public final class DumpCommand implements Callable<Integer> {
  /**
   * The one-way limit of a handover to the Go server (datastream/README.md): it keeps bookmarks in a
   * LevelDB directory that we do not write (there is no maintained pure-Java LevelDB to write it with).
   */
  static final String BOOKMARKS_NOTE = "note: these bookmarks come from zisk4j's index (<file>.bookmarks) or a scan of"
      + " the file; a Go zkevm-data-streamer server opening this file finds none of them (it reads its own LevelDB"
      + " directory, which zisk4j does not write). The other way works: zisk4j rebuilds bookmarks from any Go file.";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The stream file.")
  Path file;

  @Option(names = "--from", paramLabel = "N", description = "First entry to print (default 0).")
  long from;

  @Option(names = "--count", paramLabel = "N", description = "Print at most N entries (default: all).")
  long count = Long.MAX_VALUE;

  @Option(names = "--header-only", description = "Print only the header.")
  boolean headerOnly;

  @Option(names = "--max-data", paramLabel = "BYTES",
      description = "Show at most this many data bytes per entry in hex (default 32; 0 hides data).")
  int maxData = 32;

  @Option(names = "--bookmarks", description = "Print the bookmark index (key -> entry) after the entries.")
  boolean bookmarks;

  @Override
  public Integer call() throws IOException {
    if (from < 0) {
      throw BadValue.of(spec.commandLine(), "--from", from, "0 or more");
    }
    if (count < 0) {
      throw BadValue.of(spec.commandLine(), "--count", count, "0 or more");
    }
    if (maxData < 0) {
      throw BadValue.of(spec.commandLine(), "--max-data", maxData, "0 or more (0 hides data)");
    }
    if (Files.isDirectory(file)) {
      throw new IOException("cannot read stream file " + file + ": it is a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such stream file");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (DataStream s = DataStream.openReadOnly(file)) {
      StreamHeader h = s.header();
      out.printf("header: version=%d systemId=%d streamType=%d totalLength=%d totalEntries=%d%s%n",
          h.version(), h.systemId(), h.streamType(), h.totalLength(), h.totalEntries(),
          s.hasLegacyHeader() ? " (legacy 29-byte header)" : "");
      if (headerOnly) {
        return 0;
      }
      if (from > h.totalEntries()) {
        throw new IllegalArgumentException("--from beyond the end: from=" + from + ", totalEntries=" + h.totalEntries());
      }
      HexFormat hex = HexFormat.of();
      long printed = 0;
      try (EntryCursor c = s.cursor(from)) {
        StreamEntry e;
        while (printed < count && (e = c.next()) != null) {
          out.println(line(e, hex));
          printed++;
        }
      }
      if (bookmarks) {
        s.bookmarks().forEach(b -> out.printf("bookmark %s -> %d%n", hex.formatHex(b.key()), b.entry()));
        out.println(BOOKMARKS_NOTE);
      }
      out.flush();
    }
    return 0;
  }


  private String line(StreamEntry e, HexFormat hex) {
    StringBuilder sb = new StringBuilder(64 + 2 * Math.min(maxData, e.data().length));
    sb.append("entry ").append(e.number())
        .append(" type=").append(e.isBookmark() ? "bookmark" : Integer.toUnsignedString(e.type()))
        .append(" length=").append(e.encodedLength());
    if (maxData > 0) {
      int shown = Math.min(maxData, e.data().length);
      sb.append(" data=").append(hex.formatHex(e.data(), 0, shown));
      if (shown < e.data().length) {
        sb.append("...");
      }
    }
    return sb.toString();
  }
}
