package dev.zisk4j.cluster.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * Job snapshots in a JDBC database (cluster.md §4): embedded H2 in a data directory by default, or
 * PostgreSQL for shared deployments. Schema by Flyway, one migration set per dialect
 * ({@code db/cluster/h2}, {@code db/cluster/postgresql}; they differ in the binary column type only),
 * connections by HikariCP, the same stack and versions as prover-service's request store.
 *
 * <p><b>Group commit.</b> One writer thread drains queued writes into one transaction per at most
 * {@value #BATCH_WINDOW_MS} ms or {@value #BATCH_MAX} operations. {@link #put} waits for the COMMIT
 * of its batch (synchronous write); {@link #putBehind} does not (write-behind). Of several writes of
 * one job in a batch only the newest is written. Reads see pending write-behind snapshots at once.
 *
 * <p>Thread-safe. A failed commit fails the synchronous callers of that batch with
 * {@link JobStoreException}; write-behind snapshots of a failed batch stay visible in memory and are
 * retried with the next batch.
 */
public final class JdbcJobStore implements JobStore {
  static final int BATCH_WINDOW_MS = 2;
  static final int BATCH_MAX = 256;

  private record Write(JobRecord job, CompletableFuture<Void> done) {}

  private final HikariDataSource ds;
  private final String location;
  private final String upsert;
  private final String upsertInput;
  private final String insertProgram;
  private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
  /** Snapshots queued but not yet committed, newest per job (reads consult it first). */
  private final ConcurrentHashMap<String, JobRecord> pending = new ConcurrentHashMap<>();
  private final Thread writer;
  private volatile boolean closed;

  private JdbcJobStore(HikariDataSource ds, String location, String dialect) {
    this.ds = ds;
    this.location = location;
    this.upsert = dialect.equals("h2")
        ? "MERGE INTO cluster_job (job_id, state, created_ms, snapshot) KEY (job_id) VALUES (?, ?, ?, ?)"
        : "INSERT INTO cluster_job (job_id, state, created_ms, snapshot) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (job_id) DO UPDATE SET state = EXCLUDED.state, snapshot = EXCLUDED.snapshot";
    boolean h2 = dialect.equals("h2");
    this.upsertInput = h2 ? "MERGE INTO cluster_job_input (job_id, data) KEY (job_id) VALUES (?, ?)"
        : "INSERT INTO cluster_job_input (job_id, data) VALUES (?, ?) ON CONFLICT (job_id) DO UPDATE SET data = EXCLUDED.data";
    this.insertProgram = h2 ? "MERGE INTO cluster_program (hash_id, image) KEY (hash_id) VALUES (?, ?)"
        : "INSERT INTO cluster_program (hash_id, image) VALUES (?, ?) ON CONFLICT (hash_id) DO NOTHING";
    this.writer = Thread.ofPlatform().name("job-store-writer").daemon().start(this::writeLoop);
  }

  /**
   * Opens (creating if needed) {@code dataDir/coordinator.mv.db} and migrates it. {@code WRITE_DELAY=0}
   * so that a commit is on disk when it returns (MVStore otherwise delays commits; §4). H2's file lock
   * keeps a second coordinator off the same directory.
   *
   * @throws JobStoreException if it cannot be opened (locked by another process, corrupt, newer schema)
   */
  public static JdbcJobStore openH2(Path dataDir) {
    return open("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("coordinator") + ";WRITE_DELAY=0", "sa", "");
  }

  /**
   * Opens a {@code jdbc:h2:} or {@code jdbc:postgresql:} database and migrates it. {@code user} null
   * leaves credentials to the URL.
   *
   * @throws JobStoreException for another kind of URL, or if the database cannot be reached or migrated
   */
  public static JdbcJobStore open(String jdbcUrl, String user, String password) {
    String dialect = dialect(jdbcUrl);
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    if (user != null) {
      c.setUsername(user);
      c.setPassword(password);
    }
    c.setMaximumPoolSize(3);
    c.setPoolName("coordinator-job-store");
    c.setConnectionTimeout(10_000);
    HikariDataSource ds = null;
    try {
      ds = new HikariDataSource(c);
      Flyway.configure().dataSource(ds).locations("classpath:db/cluster/" + dialect).load().migrate();
    } catch (RuntimeException e) {
      if (ds != null) {
        ds.close();
      }
      throw new JobStoreException("cannot open the job store " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new JdbcJobStore(ds, redacted(jdbcUrl), dialect);
  }

  /** The database's URL with any password masked (for logs). */
  public String location() {
    return location;
  }

  static String dialect(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    throw new JobStoreException("unsupported job store " + redacted(jdbcUrl)
        + ": expected jdbc:h2:… or jdbc:postgresql://HOST[:PORT]/DB", null);
  }

  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public void put(JobRecord job) {
    CompletableFuture<Void> done = enqueue(job, true);
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobStoreException("interrupted waiting for the commit of job " + job.jobId(), e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof JobStoreException j ? j
          : new JobStoreException("job store " + location + ": put " + job.jobId() + " failed", e.getCause());
    }
  }

  @Override
  public void putBehind(JobRecord job) {
    enqueue(job, false);
  }

  private CompletableFuture<Void> enqueue(JobRecord job, boolean sync) {
    if (closed) {
      throw new JobStoreException("job store " + location + " is closed", null);
    }
    pending.put(job.jobId(), job);
    CompletableFuture<Void> done = sync ? new CompletableFuture<>() : null;
    queue.add(new Write(job, done));
    return done;
  }

  private void writeLoop() {
    List<Write> batch = new ArrayList<>(BATCH_MAX);
    while (true) {
      try {
        Write first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_WINDOW_MS);
        while (batch.size() < BATCH_MAX) {
          long left = until - System.nanoTime();
          Write w = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (w == null) {
            break;
          }
          batch.add(w);
        }
      } catch (InterruptedException e) {
        // close() interrupts only after the queue is drained or abandoned
      }
      if (!batch.isEmpty()) {
        commit(batch);
        batch.clear();
      }
      if (closed && queue.isEmpty()) {
        return;
      }
    }
  }

  private void commit(List<Write> batch) {
    Map<String, JobRecord> newest = new LinkedHashMap<>();
    for (Write w : batch) {
      newest.put(w.job().jobId(), w.job());
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        for (JobRecord r : newest.values()) {
          ps.setString(1, r.jobId());
          ps.setString(2, r.state().name());
          ps.setLong(3, r.createdAt().toEpochMilli());
          ps.setBytes(4, JobRecordCodec.encode(r));
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      JobStoreException f = new JobStoreException("job store " + location + ": group commit of " + newest.size()
          + " jobs failed: " + rootMessage(e), e);
      for (Write w : batch) {
        if (w.done() != null) {
          w.done().completeExceptionally(f);
        } else if (!closed) {
          queue.add(new Write(w.job(), null)); // write-behind: retried with the next batch
        }
      }
      return;
    }
    for (JobRecord r : newest.values()) {
      pending.remove(r.jobId(), r);
    }
    for (Write w : batch) {
      if (w.done() != null) {
        w.done().complete(null);
      }
    }
  }

  @Override
  public Optional<JobRecord> get(String jobId) {
    JobRecord p = pending.get(jobId);
    if (p != null) {
      return Optional.of(p);
    }
    List<JobRecord> rows = query("get " + jobId, "SELECT snapshot FROM cluster_job WHERE job_id = ?", jobId);
    return rows.stream().findFirst();
  }

  @Override
  public List<JobRecord> list(boolean activeOnly, int limit) {
    List<JobRecord> rows = query("list", activeOnly
        ? "SELECT snapshot FROM cluster_job WHERE state NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')"
        : "SELECT snapshot FROM cluster_job", null);
    Map<String, JobRecord> byId = new LinkedHashMap<>();
    for (JobRecord r : rows) {
      byId.put(r.jobId(), r);
    }
    for (JobRecord p : pending.values()) {
      byId.put(p.jobId(), p);
    }
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : byId.values()) {
      if (!activeOnly || !r.state().terminal()) {
        out.add(r);
      }
    }
    out.sort(java.util.Comparator.comparing(JobRecord::createdAt).reversed().thenComparing(JobRecord::jobId));
    return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private List<JobRecord> query(String what, String sql, String arg) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<JobRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(JobRecordCodec.decode(rs.getBytes(1)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JobStoreException("job store " + location + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean durable() {
    return true;
  }

  /** Written in its own transaction, not through the group commit: inputs are large and rare. */
  @Override
  public void putInput(String jobId, JobInput input) {
    update("put the input of " + jobId, upsertInput, jobId, input.encode());
  }

  @Override
  public Optional<JobInput> input(String jobId) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT data FROM cluster_job_input WHERE job_id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(JobInput.decode(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JobStoreException("job store " + location + ": read the input of " + jobId + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void deleteInput(String jobId) {
    update("delete the input of " + jobId, "DELETE FROM cluster_job_input WHERE job_id = ?", jobId, null);
  }

  @Override
  public void putProgram(String hashId, byte[] image) {
    update("store program " + hashId, insertProgram, hashId, image);
  }

  @Override
  public Map<String, byte[]> programs() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT hash_id, image FROM cluster_program ORDER BY hash_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getBytes(2));
      }
      return out;
    } catch (SQLException e) {
      throw new JobStoreException("job store " + location + ": list programs failed: " + e.getMessage(), e);
    }
  }

  private void update(String what, String sql, String key, byte[] data) {
    if (closed) {
      throw new JobStoreException("job store " + location + " is closed", null);
    }
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      if (data != null) {
        ps.setBytes(2, data);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new JobStoreException("job store " + location + ": " + what + " failed: " + rootMessage(e), e);
    }
  }

  /** Commits every queued write, then closes the pool. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ds.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
