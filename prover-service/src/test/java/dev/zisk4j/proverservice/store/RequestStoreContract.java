package dev.zisk4j.proverservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store's contract, run against each database it supports ({@link H2RequestStoreTest},
 * {@link PostgresRequestStoreTest}).
 */
abstract class RequestStoreContract {
  /** Opens the test's database (the same one every call of one test). */
  abstract RequestStore open();

  @Test
  void lifecycleTransitionsAreConditional() {
    try (RequestStore s = open()) {
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
    try (RequestStore s = open()) {
      s.insert("first", new byte[] {1}, 1);
      s.insert("second", new byte[] {2}, 2);
      s.insert("done", new byte[] {3}, 3);
      s.markRunning("first", 5);
      s.markRunning("done", 5);
      s.finish("done", RequestState.COMPLETED_ERROR, new byte[] {7}, 6);
    }
    try (RequestStore s = open()) {
      assertThat(s.recoverQueue()).extracting(StoredRequest::id).containsExactly("first", "second");
      assertThat(s.find("first").orElseThrow().startedMs()).isEmpty();
      assertThat(s.lastEnded().orElseThrow().id()).isEqualTo("done");
      assertThat(s.find("done").orElseThrow().result()).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
    }
  }

  @Test
  void retentionDeletesOnlyEndedRequests() {
    try (RequestStore s = open()) {
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
  void concurrentFinishersHaveOneWinner() throws Exception {
    try (RequestStore s = open()) {
      for (int round = 0; round < 20; round++) {
        String id = "race" + round;
        s.insert(id, new byte[] {1}, 1);
        s.markRunning(id, 2);
        var pool = Executors.newFixedThreadPool(4);
        try {
          var wins = new AtomicInteger();
          var tasks = new ArrayList<Future<?>>();
          for (RequestState st : new RequestState[] {RequestState.COMPLETED_OK, RequestState.CANCEL,
              RequestState.COMPLETED_ERROR, RequestState.INTERNAL_ERROR}) {
            tasks.add(pool.submit(() -> {
              if (s.finish(id, st, new byte[] {(byte) st.ordinal()}, 3)) {
                wins.incrementAndGet();
              }
            }));
          }
          for (var t : tasks) {
            t.get();
          }
          assertThat(wins.get()).isEqualTo(1);
          StoredRequest r = s.find(id).orElseThrow();
          assertThat(r.result()).hasValueSatisfying(b -> assertThat(b).containsExactly((byte) r.state().ordinal()));
        } finally {
          pool.shutdown();
        }
      }
    }
  }

  @Test
  void largeBinaryValuesRoundTrip() {
    byte[] big = new byte[3 << 20];
    new Random(7).nextBytes(big);
    try (RequestStore s = open()) {
      s.insert("big", big, 1);
      s.finish("big", RequestState.COMPLETED_OK, big, 2);
      StoredRequest r = s.find("big").orElseThrow();
      assertThat(r.input()).isEqualTo(big);
      assertThat(s.result("big")).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
      assertThat(s.state("big")).contains(RequestState.COMPLETED_OK);
      assertThatThrownBy(() -> s.insert("big", new byte[0], 3)).isInstanceOf(StoreException.class)
          .hasMessageContaining("insert big failed");
    }
  }
}
