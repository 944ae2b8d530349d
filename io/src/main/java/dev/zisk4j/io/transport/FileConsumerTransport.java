package dev.zisk4j.io.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Consumer side of {@code file://path} (or a bare path): the whole file is the job's input; no waiting. */
public final class FileConsumerTransport implements ConsumerTransport {
  public static final String SCHEME = "file";

  /** The path a {@code file:} URI or a scheme-less URI names. */
  public static Path pathOf(URI uri) {
    if (uri.getScheme() == null) {
      return Path.of(uri.getPath());
    }
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not a file URI: uri=" + uri);
    }
    return Path.of(uri);
  }

  /** @throws java.nio.file.NoSuchFileException if the file does not exist ({@code deadline} is not used: files do not arrive late) */
  @Override
  public InputStream connect(URI uri, Duration deadline) throws IOException {
    return Files.newInputStream(pathOf(uri));
  }
}
