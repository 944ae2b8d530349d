package dev.zisk4j.datastream.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The in-memory bookmark map: key → every entry number holding that key (ascending), plus the
 * bookmark entries in entry order for truncation. Not thread-safe; {@link BookmarkIndex} guards it.
 *
 * <p>Keeping every occurrence (not only the last, as the Go reference does) means a truncate that
 * removes the newest occurrence of a key falls back to the older one that is still in the file.
 */
final class BookmarkEntries {
  private static final long[] NONE = new long[0];
  private final Map<BookmarkKey, long[]> byKey = new HashMap<>();
  private long[] numbers = new long[64];
  private BookmarkKey[] keys = new BookmarkKey[64];
  private int size;

  int size() {
    return size;
  }

  long numberAt(int i) {
    return numbers[i];
  }

  BookmarkKey keyAt(int i) {
    return keys[i];
  }

  /** Records that entry {@code n} is bookmark {@code key}; {@code n} above every number held, or equal to one (replaced). */
  void add(long n, BookmarkKey key) {
    if (size > 0 && numbers[size - 1] >= n) {
      int i = Arrays.binarySearch(numbers, 0, size, n);
      if (i < 0) {
        throw new IllegalStateException("bookmark entries out of order: n=" + n + ", last=" + numbers[size - 1]);
      }
      replace(i, key);
      return;
    }
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    numbers[size] = n;
    keys[size] = key;
    size++;
    long[] list = byKey.getOrDefault(key, NONE);
    byKey.put(key, insertSorted(list, n));
  }

  /** Forgets every bookmark at entry {@code n} or above; returns how many. */
  int truncate(long n) {
    int from = lowerBound(n);
    for (int i = from; i < size; i++) {
      removeFromKey(keys[i], numbers[i]);
      keys[i] = null;
    }
    int removed = size - from;
    size = from;
    return removed;
  }

  /** Forgets the bookmark at entry {@code n}, if any; returns whether there was one. */
  boolean remove(long n) {
    int i = Arrays.binarySearch(numbers, 0, size, n);
    if (i < 0) {
      return false;
    }
    removeFromKey(keys[i], n);
    System.arraycopy(numbers, i + 1, numbers, i, size - i - 1);
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    size--;
    keys[size] = null;
    return true;
  }

  /** Inserts a bookmark at any position (repair path, not in entry order). */
  void insert(long n, BookmarkKey key) {
    remove(n);
    int at = lowerBound(n);
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    System.arraycopy(numbers, at, numbers, at + 1, size - at);
    System.arraycopy(keys, at, keys, at + 1, size - at);
    numbers[at] = n;
    keys[at] = key;
    size++;
    byKey.put(key, insertSorted(byKey.getOrDefault(key, NONE), n));
  }

  /** The newest entry below {@code limit} holding {@code key}. */
  OptionalLong lookup(BookmarkKey key, long limit) {
    long[] list = byKey.get(key);
    if (list == null) {
      return OptionalLong.empty();
    }
    for (int i = list.length - 1; i >= 0; i--) {
      if (list[i] < limit) {
        return OptionalLong.of(list[i]);
      }
    }
    return OptionalLong.empty();
  }

  private void replace(int i, BookmarkKey key) {
    removeFromKey(keys[i], numbers[i]);
    keys[i] = key;
    byKey.put(key, insertSorted(byKey.getOrDefault(key, NONE), numbers[i]));
  }

  private int lowerBound(long n) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (numbers[mid] < n) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void removeFromKey(BookmarkKey key, long n) {
    long[] list = byKey.get(key);
    if (list == null) {
      return;
    }
    int i = Arrays.binarySearch(list, n);
    if (i < 0) {
      return;
    }
    if (list.length == 1) {
      byKey.remove(key);
      return;
    }
    long[] shorter = new long[list.length - 1];
    System.arraycopy(list, 0, shorter, 0, i);
    System.arraycopy(list, i + 1, shorter, i, list.length - i - 1);
    byKey.put(key, shorter);
  }

  private static long[] insertSorted(long[] list, long n) {
    int i = Arrays.binarySearch(list, n);
    if (i >= 0) {
      return list;
    }
    int at = -i - 1;
    long[] longer = new long[list.length + 1];
    System.arraycopy(list, 0, longer, 0, at);
    longer[at] = n;
    System.arraycopy(list, at, longer, at + 1, list.length - at);
    return longer;
  }
}
