package dev.zisk4j.sdk;

/**
 * What a request's {@code run()} hands itself to: the client that built it. Both clients implement
 * it, so one set of request builders serves the embedded engine and a remote coordinator.
 */
interface JobSubmitter {
  JobHandle<ProveResult> submit(ProveRequest r);

  JobHandle<ExecuteResult> submit(ExecuteRequest r);

  JobHandle<SetupResult> submit(SetupRequest r);

  JobHandle<VerifyResult> submit(VerifyRequest r);
}
