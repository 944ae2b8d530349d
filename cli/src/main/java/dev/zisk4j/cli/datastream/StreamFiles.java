package dev.zisk4j.cli.datastream;

import dev.zisk4j.datastream.file.DataStream;
import dev.zisk4j.datastream.file.DataStreamConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens stream files for the commands, with errors that say which file and what was wrong with it. */
final class StreamFiles {
  private StreamFiles() {}

  /** {@link DataStream#open} for writing, failing with "cannot open stream file F: why". */
  static DataStream open(Path f, DataStreamConfig cfg) throws IOException {
    if (Files.isDirectory(f)) {
      throw new IOException("cannot open stream file " + f + ": it is a directory (give the path of a file in it)");
    }
    Path parent = f.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IOException("cannot create stream file " + f + ": directory " + parent + " does not exist");
    }
    try {
      return DataStream.open(f, cfg);
    } catch (NoSuchFileException e) {
      throw new IOException("cannot open stream file " + f + ": no such file or directory", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot open stream file " + f + ": permission denied", e);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      throw new IOException(m.contains(f.toString()) ? m : "cannot open stream file " + f + ": " + m, e);
    }
  }
}
