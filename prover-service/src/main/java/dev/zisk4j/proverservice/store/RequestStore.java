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
 * Proof requests in a JDBC database (embedded H2 in {@code dataDir} by default), so that a restart
 * loses no finished proof and redoes unfinished ones. Schema by Flyway
 * ({@code db/proverservice}), connections by HikariCP. Every method is one transaction; state
 * changes are conditional on the current state, so a cancel racing a completion has one winner.
 * Thread-safe.
 */
public final class RequestStore implements AutoCloseable {
  private final HikariDataSource ds;

  private RequestStore(HikariDataSource ds) {
    this.ds = ds;
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

  /** Opens any JDBC URL (H2 or PostgreSQL) and migrates it. */
  public static RequestStore open(String jdbcUrl, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(4);
    c.setPoolName("prover-service-store");
    c.setConnectionTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(c);
      Flyway.configure().dataSource(ds).locations("classpath:db/proverservice").load().migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the request store " + jdbcUrl + ": " + rootMessage(e), e);
    }
    return new RequestStore(ds);
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
