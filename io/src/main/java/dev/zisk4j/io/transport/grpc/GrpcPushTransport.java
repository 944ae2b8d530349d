package dev.zisk4j.io.transport.grpc;

import java.net.URI;

/**
 * How zisk4j pushes job input over gRPC (spec zisk.md §1.7-§1.9, §3.2): the client-streaming RPC
 * {@code zisk.coordinator.v1.ZiskCoordinatorApi/PushJobInput}.
 *
 * <pre>
 *  SDK (client)                                   coordinator (server)
 *    PushJobInputRequest{job_id=J, chunk{data}}  ->  bytes appended to job J's input
 *    PushJobInputRequest{job_id=J, chunk{data}}  ->  ...   (every request names the same J)
 *    half-close                                  ->  end of J's input
 *                                                <-  google.protobuf.Empty (or an error status)
 * </pre>
 *
 * <p>Chunks are at most {@link #MAX_CHUNK_BYTES} (ZisK's push writer: 64 KiB), and every chunk
 * but a job's last is a multiple of 8 bytes (the writer guarantees it; spec §1.7). The stream
 * carries no end marker: closing it is the end. The URI a push stream reports is the pseudo-URI
 * {@link #PSEUDO_URI}, which the coordinator recognises by prefix.
 */
public final class GrpcPushTransport {
  /** Largest chunk one request carries. */
  public static final int MAX_CHUNK_BYTES = 64 * 1024;
  /** What {@code ZiskStream.grpc()} reports as its URI (ZisK: {@code grpc://push}). */
  public static final URI PSEUDO_URI = URI.create("grpc://push");
  /** Largest request a receiver accepts by default (gRPC's default inbound limit). */
  public static final int DEFAULT_MAX_INBOUND_BYTES = 4 * 1024 * 1024;

  private GrpcPushTransport() {}
}
