package dev.zisk4j.datastream.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** BookmarkEntries against a naive model (entry → key map) under random adds, truncates, removes and inserts. */
class BookmarkEntriesPropertyTest {
  @Property(tries = 300)
  void behavesLikeTheNaiveModel(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 99) Integer> script) {
    BookmarkEntries real = new BookmarkEntries();
    TreeMap<Long, String> model = new TreeMap<>();
    long next = 0;
    for (int step : script) {
      int op = step % 10;
      String key = "k" + (step / 10) % 4;
      if (op < 6) {
        real.add(next, new BookmarkKey(key.getBytes()));
        model.put(next, key);
        next += 1 + step % 3;
      } else if (op < 8) {
        long to = next == 0 ? 0 : step % (next + 1);
        real.truncate(to);
        model.tailMap(to, true).clear();
        next = to;
      } else if (op == 8) {
        long n = next == 0 ? 0 : step % next;
        assertThat(real.remove(n)).isEqualTo(model.remove(n) != null);
      } else {
        long n = next == 0 ? 0 : step % next;
        real.insert(n, new BookmarkKey(key.getBytes()));
        model.put(n, key);
      }
      check(real, model, next);
    }
  }

  private static void check(BookmarkEntries real, TreeMap<Long, String> model, long limit) {
    assertThat(real.size()).isEqualTo(model.size());
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      numbers.add(real.numberAt(i));
      assertThat(new String(real.keyAt(i).bytes())).isEqualTo(model.get(real.numberAt(i)));
    }
    assertThat(numbers).containsExactlyElementsOf(model.keySet());
    for (int k = 0; k < 4; k++) {
      String key = "k" + k;
      OptionalLong want = OptionalLong.empty();
      for (var e : model.descendingMap().entrySet()) {
        if (e.getValue().equals(key) && e.getKey() < limit + 1) {
          want = OptionalLong.of(e.getKey());
          break;
        }
      }
      assertThat(real.lookup(new BookmarkKey(key.getBytes()), limit + 1)).isEqualTo(want);
    }
  }
}
