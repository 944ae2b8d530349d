package dev.zisk4j.proverservice.store;

import java.util.Optional;

/**
 * One row of the request store.
 *
 * @param input the {@code InputProver} bytes as received
 * @param result the final {@code GetProofResponse} bytes, present once the state is final
 */
public record StoredRequest(long seq, String id, RequestState state, byte[] input, long submittedMs,
    Optional<Long> startedMs, Optional<Long> endedMs, Optional<byte[]> result) {}
