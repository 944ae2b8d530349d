package dev.zisk4j.proverservice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Proof requests in a JDBC database (embedded H2 in {@code dataDir} by default, or PostgreSQL), so
 * that a restart loses no finished proof and redoes unfinished ones. Schema by Flyway, one migration
 * set per dialect ({@code db/proverservice/h2}, {@code db/proverservice/postgresql}: they differ in
 * the binary column type only); connections by HikariCP. The SQL of the methods is common to both. Every method is one transaction; state
 * changes are conditional on the current state, so a cancel racing a completion has one winner.
 * Thread-safe.
 */
public final class RequestStore implements AutoCloseable {
  private final HikariDataSource ds;
  private final String location;

  private RequestStore(HikariDataSource ds, String location) {
    this.ds = ds;
    this.location = location;
  }

  /** The database's JDBC URL with any password masked (for logs). */
  public String location() {
    return location;
  }

  /**
   * Opens (creating if needed) the H2 database {@code dataDir/requests.mv.db} and migrates it.
   * {@code WRITE_DELAY=0}: a commit is written before the call returns, so a killed process keeps it.
   *
   * @throws StoreException if the database cannot be opened or migrated (locked by another process,
   *     corrupt, newer schema)
   */
  public static RequestStore openH2(Path dataDir) {
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("requests") + ";WRITE_DELAY=0";
    return open(url, "sa", "");
  }

  /**
   * Opens a {@code jdbc:h2:} or {@code jdbc:postgresql:} database and migrates it to the current
   * schema. Credentials may also be in a PostgreSQL URL ({@code ?user=…&password=…}); {@code user}
   * null leaves them to the URL.
   *
   * @throws StoreException for another kind of URL, or if the database cannot be reached, opened or
   *     migrated (wrong credentials, locked, corrupt, newer schema)
   */
  public static RequestStore open(String jdbcUrl, String user, String password) {
    String dialect = dialect(jdbcUrl);
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    if (user != null) {
      c.setUsername(user);
      c.setPassword(password);
    }
    c.setMaximumPoolSize(4);
    c.setPoolName("prover-service-store");
    c.setConnectionTimeout(10_000);
    HikariDataSource ds = null;
    try {
      ds = new HikariDataSource(c);
      Flyway.configure().dataSource(ds).locations("classpath:db/proverservice/" + dialect).load().migrate();
    } catch (RuntimeException e) {
      if (ds != null) {
        ds.close();
      }
      throw new StoreException("cannot open the request store " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new RequestStore(ds, redacted(jdbcUrl));
  }

  /** The migration set of a JDBC URL: {@code h2} or {@code postgresql}. */
  static String dialect(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    throw new StoreException("unsupported request store " + redacted(jdbcUrl)
        + ": expected jdbc:h2:… or jdbc:postgresql://HOST[:PORT]/DB", null);
  }

  /** The URL without a password parameter, for messages and logs. */
  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** Adds a QUEUED request. */
  public void insert(String id, byte[] input, long nowMs) {
    update("insert " + id, "INSERT INTO proof_request (id, state, input, submitted_ms) VALUES (?, 'QUEUED', ?, ?)",
        ps -> {
          ps.setString(1, id);
          ps.setBytes(2, input);
          ps.setLong(3, nowMs);
        });
  }

  /** QUEUED → RUNNING; false if the request is no longer queued (cancelled meanwhile). */
  public boolean markRunning(String id, long nowMs) {
    return update("start " + id, "UPDATE proof_request SET state = 'RUNNING', started_ms = ? WHERE id = ? AND state = 'QUEUED'",
        ps -> {
          ps.setLong(1, nowMs);
          ps.setString(2, id);
        }) == 1;
  }

  /**
   * QUEUED or RUNNING → {@code state} with the final response; false if it was already final.
   *
   * @throws IllegalArgumentException if {@code state} is not final
   */
  public boolean finish(String id, RequestState state, byte[] response, long nowMs) {
    if (!state.isFinal()) {
      throw new IllegalArgumentException("not a final state: state=" + state);
    }
    return update("finish " + id, "UPDATE proof_request SET state = ?, result = ?, ended_ms = ? "
        + "WHERE id = ? AND state IN ('QUEUED', 'RUNNING')", ps -> {
          ps.setString(1, state.name());
          ps.setBytes(2, response);
          ps.setLong(3, nowMs);
          ps.setString(4, id);
        }) == 1;
  }

  public Optional<StoredRequest> find(String id) {
    List<StoredRequest> rows = query("find " + id, "SELECT * FROM proof_request WHERE id = ?", ps -> ps.setString(1, id));
    return rows.stream().findFirst();
  }

  /** The state of {@code id}, without reading its input or result (the GetProof poll path). */
  public Optional<RequestState> state(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT state FROM proof_request WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(RequestState.valueOf(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("request store: state of " + id + " failed: " + e.getMessage(), e);
    }
  }

  /** The final response of {@code id}, if it has one. */
  public Optional<byte[]> result(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT result FROM proof_request WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("request store: result of " + id + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * After a restart: every RUNNING request becomes QUEUED again; returns the queued requests in
   * FIFO order.
   */
  public List<StoredRequest> recoverQueue() {
    update("recover", "UPDATE proof_request SET state = 'QUEUED', started_ms = NULL WHERE state = 'RUNNING'", ps -> { });
    return query("queued", "SELECT * FROM proof_request WHERE state = 'QUEUED' ORDER BY seq", ps -> { });
  }

  /** The request that ended last, if any (GetStatus's last_computed_* after a restart). */
  public Optional<StoredRequest> lastEnded() {
    return query("last ended", "SELECT * FROM proof_request WHERE ended_ms IS NOT NULL ORDER BY ended_ms DESC, seq DESC "
        + "LIMIT 1", ps -> { }).stream().findFirst();
  }

  /** Deletes requests that ended before {@code cutoffMs}; returns how many. */
  public int deleteEndedBefore(long cutoffMs) {
    return update("retention", "DELETE FROM proof_request WHERE ended_ms IS NOT NULL AND ended_ms < ?",
        ps -> ps.setLong(1, cutoffMs));
  }

  @Override
  public void close() {
    ds.close();
  }

  // ---- JDBC plumbing ---------------------------------------------------------------------------

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private int update(String what, String sql, Binder b) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      b.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("request store: " + what + " failed: " + e.getMessage(), e);
    }
  }

  private List<StoredRequest> query(String what, String sql, Binder b) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      b.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredRequest> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new StoredRequest(rs.getLong("seq"), rs.getString("id"), RequestState.valueOf(rs.getString("state")),
              rs.getBytes("input"), rs.getLong("submitted_ms"), optLong(rs, "started_ms"), optLong(rs, "ended_ms"),
              Optional.ofNullable(rs.getBytes("result"))));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("request store: " + what + " failed: " + e.getMessage(), e);
    }
  }

  private static Optional<Long> optLong(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

}
