-- One row per job: the latest JobRecord snapshot (JdbcJobStore's versioned binary codec) plus the
-- columns the store filters and orders by. The two dialects differ in the binary column type only.
CREATE TABLE cluster_job (
  job_id     VARCHAR(64) PRIMARY KEY,
  state      VARCHAR(24) NOT NULL,
  created_ms BIGINT      NOT NULL,
  snapshot   BYTEA NOT NULL
);
CREATE INDEX cluster_job_created ON cluster_job (created_ms);
