package dev.zisk4j.datastream.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Finds the shared Go-reference fixtures: walks up from the working directory to a {@code shared/fixtures} sibling. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    for (Path d = p; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("fixtures").resolve("datastream");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/fixtures/datastream not found above " + p
        + ": the repo must have the shared/ directory as a sibling");
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static JsonNode json(String name) throws IOException {
    return new ObjectMapper().readTree(file(name).toFile());
  }

  static StreamEntry entry(JsonNode n) {
    return new StreamEntry(n.get("number").asLong(), n.get("type").asInt(), HexFormat.of().parseHex(n.get("dataHex").asText()));
  }
}
