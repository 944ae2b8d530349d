package dev.zisk4j.sdk;

import dev.zisk4j.io.InputSource;

/**
 * The entry point of the SDK (ZisK's {@code ProverClient}): submit setup, prove, execute and verify
 * jobs for a {@link GuestProgram}; each request ends in {@code run()}, which returns a {@link JobHandle}
 * at once. Input is any {@link InputSource}: a buffered {@code ZiskStdin} or a live {@code ZiskStream},
 * interchangeably. Implementations are thread-safe.
 */
public interface ProverClient extends AutoCloseable {

  /** A client that proves in this process on the built-in STARK engine. */
  static EmbeddedProverClient.Builder embedded() {
    return EmbeddedProverClient.builder();
  }

  /**
   * A client of a coordinator's client API at {@code url} ({@code http://host:port}, {@code grpc://…},
   * {@code https://…} or {@code host:port}; port 8080 by default): the same requests and handles as the embedded
   * client, run on the cluster (see {@link RemoteProverClient}). No connection is made until the first job.
   *
   * @throws IllegalArgumentException if {@code url} is not such a URL
   */
  static RemoteProverClient.Builder remote(String url) {
    return RemoteProverClient.builder(url);
  }

  /** Computes the program's verifying key. */
  SetupRequest setup(GuestProgram program);

  /** Proves the program on the input. */
  ProveRequest prove(GuestProgram program, InputSource input);

  /** Runs the program on the input without proving. */
  ExecuteRequest execute(GuestProgram program, InputSource input);

  /** Checks a proof. */
  VerifyRequest verify(Proof proof);

  /** Stops the client's worker threads; running jobs are cancelled. Idempotent. */
  @Override
  void close();
}
