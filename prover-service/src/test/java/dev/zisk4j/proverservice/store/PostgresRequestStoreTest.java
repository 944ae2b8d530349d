package dev.zisk4j.proverservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store contract on a real PostgreSQL server (one fresh database per test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRequestStoreTest extends RequestStoreContract {
  TestPostgres pg;
  String url;

  @BeforeAll
  void startServer() {
    pg = TestPostgres.start();
  }

  @AfterAll
  void stopServer() throws IOException {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void freshDatabase() {
    url = pg.newDatabase();
  }

  @Override
  RequestStore open() {
    return RequestStore.open(url, null, null);
  }

  @Test
  void migratesWithThePostgresqlSetAndReopensWithoutMigratingAgain() throws Exception {
    try (RequestStore s = open()) {
      s.insert("a", new byte[] {1}, 1);
    }
    try (RequestStore s = open(); Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'proof_request' AND column_name = 'input'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("bytea");
      assertThat(s.find("a")).isPresent();
    }
  }

  @Test
  void anUnknownDatabaseOrADeadServerIsAClearError() {
    String missing = "jdbc:postgresql://localhost:" + pg.port() + "/nope?user=postgres&password=pw";
    assertThatThrownBy(() -> RequestStore.open(missing, null, null)).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the request store jdbc:postgresql://localhost:" + pg.port()
            + "/nope?user=postgres&password=***")
        .hasMessageNotContaining("=pw");
  }
}
