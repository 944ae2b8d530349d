package dev.zisk4j.engine.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A fork/join pool for data-parallel engine work (one NTT per column, Merkle leaf ranges, quotient blocks).
 * Sized to the cores by default. {@link #close()} is idempotent. Tasks must not block on I/O.
 */
public final class Workers implements AutoCloseable {
    private final ForkJoinPool pool;

    private Workers(int threads) {
        this.pool = new ForkJoinPool(threads);
    }

    /** A pool with one thread per available processor. */
    public static Workers perCore() {
        return new Workers(Runtime.getRuntime().availableProcessors());
    }

    /** A pool of {@code threads} threads (≥ 1). */
    public static Workers of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: threads=" + threads);
        }
        return new Workers(threads);
    }

    public int parallelism() {
        return pool.getParallelism();
    }

    /** Runs body(i) for i in [0, n) in parallel and waits; rethrows the first failure. */
    public void forEach(int n, IntConsumer body) {
        if (n == 1 || pool.getParallelism() == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
    }

    /**
     * Splits [0, total) into contiguous ranges of at least {@code minChunk} elements (about 4 per thread) and
     * runs body(from, to) on each in parallel.
     */
    public void forRanges(int total, int minChunk, RangeBody body) {
        int parts = Math.max(1, Math.min(pool.getParallelism() * 4, total / Math.max(1, minChunk)));
        int step = (total + parts - 1) / parts;
        forEach(parts, p -> {
            int from = p * step;
            int to = Math.min(total, from + step);
            if (from < to) {
                body.run(from, to);
            }
        });
    }

    /** Work over one contiguous range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
