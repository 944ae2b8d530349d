package dev.zisk4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the build version that Maven filtered into {@code zisk4j-version.properties}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/zisk4j-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("zisk4j-version.properties missing from the classpath: broken build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {
      "zisk4j " + p.getProperty("version"),
      "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
