package dev.zisk4j.cluster.store;

/** The store contract on the in-memory store. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  JobStore open() {
    return new InMemoryJobStore();
  }
}
