/**
 * gRPC push of job input through {@code zisk.coordinator.v1.ZiskCoordinatorApi/PushJobInput}:
 * {@link dev.zisk4j.io.transport.grpc.GrpcPushProducerTransport} (the SDK's client side, used by
 * {@code ZiskStream.grpc(builder)}) and {@link dev.zisk4j.io.transport.grpc.GrpcPushReceiver} (a
 * server side the coordinator can mount or extend; tests run it on port 0). Layout:
 * {@link dev.zisk4j.io.transport.grpc.GrpcPushTransport}.
 *
 * <p>Decisions:
 * <ul>
 *   <li>One call per job; every request carries the job id (the only place the proto has it), so
 *       an empty job still sends one empty chunk. Chunks are at most 64 KiB (ZisK's writer).</li>
 *   <li>The job id is given to the builder, or after submission via {@code nextJob(id)}, mirroring
 *       ZisK's sender injected after {@code JobRequest}; a flush waits (up to the connect deadline)
 *       for a job id and a READY channel.</li>
 *   <li>Plaintext by default (ZisK's coordinator has no TLS); {@code tls(true)} uses the JDK trust
 *       store.</li>
 *   <li>Back-pressure both ways: the client sends only while the call {@code isReady()}; the
 *       receiver requests the next message only while less than 8 MiB wait unread.</li>
 *   <li>Errors: a job id that is blank or changes mid-call, or a call with no request, gets
 *       INVALID_ARGUMENT; over 4 MiB per request, RESOURCE_EXHAUSTED; a reader that closes early
 *       cancels the call (the client's next send fails); a client that cancels makes the reader
 *       fail rather than see a clean end.</li>
 * </ul>
 */
package dev.zisk4j.io.transport.grpc;
