package dev.zisk4j.proverservice.input;

import dev.zisk4j.engine.smt.MemoryNodeStore;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.batch.Address;
import dev.zisk4j.proverservice.batch.Batch;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An {@code InputProver} that passed every check, with its fields decoded.
 *
 * @param request the request as received (its strings are what the input hash covers)
 * @param oldStateRoot 32 bytes, big-endian
 * @param claimedNewStateRoot the root the client claims, empty when it asks the prover to fill it
 * @param globalExitRoot 32 bytes (zero when the field is empty)
 * @param sequencer the sequencer (coinbase) address (zero when empty)
 * @param batchBytes the decoded {@code batch_l2_data}
 * @param batch the batch those bytes hold
 * @param batchHashData keccak256(batch ‖ globalExitRoot ‖ eth_timestamp u64 BE ‖ sequencer), as the node builds it
 * @param db node pre-images: 64 lowercase hex digits → field elements
 * @param nodes the same pre-images as a tree store, each checked to hash to its key (read-only by
 *     convention: the twin writes to its own overlay)
 */
public record CheckedInput(InputProver request, byte[] oldStateRoot, Optional<byte[]> claimedNewStateRoot,
    byte[] globalExitRoot, Address sequencer, byte[] batchBytes, Batch batch, byte[] batchHashData,
    SortedMap<String, long[]> db, MemoryNodeStore nodes) {}
