package dev.zisk4j.proverservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestStoreTest {
  @TempDir Path dir;

  @Test
  void lifecycleTransitionsAreConditional() {
    try (RequestStore s = RequestStore.openH2(dir)) {
      s.insert("a", new byte[] {1}, 10);
      assertThat(s.find("a").orElseThrow().state()).isEqualTo(RequestState.QUEUED);
      assertThat(s.markRunning("a", 20)).isTrue();
      assertThat(s.markRunning("a", 21)).isFalse();
      assertThat(s.finish("a", RequestState.COMPLETED_OK, new byte[] {9}, 30)).isTrue();
      // A cancel that lost the race does not overwrite the result.
      assertThat(s.finish("a", RequestState.CANCEL, new byte[] {8}, 31)).isFalse();
      StoredRequest r = s.find("a").orElseThrow();
      assertThat(r.state()).isEqualTo(RequestState.COMPLETED_OK);
      assertThat(r.result()).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
      assertThat(r.startedMs()).contains(20L);
      assertThat(r.endedMs()).contains(30L);
      assertThatThrownBy(() -> s.finish("a", RequestState.RUNNING, new byte[0], 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(s.find("zzz")).isEmpty();
    }
  }

  @Test
  void survivesReopenAndRequeuesRunningInFifoOrder() {
    try (RequestStore s = RequestStore.openH2(dir)) {
      s.insert("first", new byte[] {1}, 1);
      s.insert("second", new byte[] {2}, 2);
      s.insert("done", new byte[] {3}, 3);
      s.markRunning("first", 5);
      s.markRunning("done", 5);
      s.finish("done", RequestState.COMPLETED_ERROR, new byte[] {7}, 6);
    }
    try (RequestStore s = RequestStore.openH2(dir)) {
      assertThat(s.recoverQueue()).extracting(StoredRequest::id).containsExactly("first", "second");
      assertThat(s.find("first").orElseThrow().startedMs()).isEmpty();
      assertThat(s.lastEnded().orElseThrow().id()).isEqualTo("done");
      assertThat(s.find("done").orElseThrow().result()).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
    }
  }

  @Test
  void retentionDeletesOnlyEndedRequests() {
    try (RequestStore s = RequestStore.openH2(dir)) {
      s.insert("old", new byte[0], 0);
      s.finish("old", RequestState.CANCEL, new byte[0], 100);
      s.insert("new", new byte[0], 0);
      s.finish("new", RequestState.CANCEL, new byte[0], 200);
      s.insert("queued", new byte[0], 0);
      assertThat(s.deleteEndedBefore(150)).isEqualTo(1);
      assertThat(s.find("old")).isEmpty();
      assertThat(s.find("new")).isPresent();
      assertThat(s.deleteEndedBefore(Long.MAX_VALUE)).isEqualTo(1);
      assertThat(s.find("queued")).isPresent();
    }
  }

  @Test
  void aSecondProcessOrAGarbageFileIsAClearError() throws Exception {
    Path other = Files.createDirectory(dir.resolve("garbage"));
    Files.write(other.resolve("requests.mv.db"), new byte[4096]);
    assertThatThrownBy(() -> RequestStore.openH2(other)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the request store");
  }
}
