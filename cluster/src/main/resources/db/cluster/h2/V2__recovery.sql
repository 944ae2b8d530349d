-- What a restarted coordinator needs to run a job again (cluster.md §4 job_input, programs): the job's
-- JobInput (image, whole input, scheduling parameters), deleted at the terminal state; registered programs.
CREATE TABLE cluster_job_input (
  job_id VARCHAR(64) PRIMARY KEY,
  data   BLOB NOT NULL
);
CREATE TABLE cluster_program (
  hash_id VARCHAR(128) PRIMARY KEY,
  image   BLOB NOT NULL
);
