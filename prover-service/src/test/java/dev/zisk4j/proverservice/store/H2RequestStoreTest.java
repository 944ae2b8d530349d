package dev.zisk4j.proverservice.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the default embedded H2 database, and H2's own failure modes. */
class H2RequestStoreTest extends RequestStoreContract {
  @TempDir Path dir;

  @Override
  RequestStore open() {
    return RequestStore.openH2(dir);
  }

  @Test
  void aGarbageFileIsAClearError() throws Exception {
    Path other = Files.createDirectory(dir.resolve("garbage"));
    Files.write(other.resolve("requests.mv.db"), new byte[4096]);
    assertThatThrownBy(() -> RequestStore.openH2(other)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the request store");
  }

  @Test
  void anUnsupportedUrlIsAClearErrorWithoutThePassword() {
    assertThatThrownBy(() -> RequestStore.open("jdbc:mysql://h/db?user=u&password=secret", null, null))
        .isInstanceOf(StoreException.class)
        .hasMessage("unsupported request store jdbc:mysql://h/db?user=u&password=***: expected jdbc:h2:… or "
            + "jdbc:postgresql://HOST[:PORT]/DB");
  }
}
