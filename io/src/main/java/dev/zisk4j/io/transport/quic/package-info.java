/**
 * The {@code quic://} input transport, both sides: {@link dev.zisk4j.io.transport.quic.QuicProducerTransport}
 * (what {@code ZiskStream.quic(uri)} uses; the SDK is the QUIC server) and
 * {@link dev.zisk4j.io.transport.quic.QuicConsumerTransport} (what {@code InputReader} uses for
 * {@code quic://ip:port}). Wire layout and constants: {@link dev.zisk4j.io.transport.quic.QuicTransport}.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Library: Netty 4.2.17 {@code netty-codec-native-quic} (quiche + BoringSSL, linux-x86_64),
 *       which loads on this machine; kwik (pure Java) is the interop peer in tests, both ways.</li>
 *   <li>Certificate: a fresh EC P-256 self-signed certificate for "localhost" per bind, generated in
 *       memory with BouncyCastle {@code bcpkix}; the consumer does not verify it (as ZisK), so use
 *       on trusted networks only.</li>
 *   <li>ALPN {@code zisk-input/1}: ZisK sets none, but BoringSSL refuses QUIC handshakes without
 *       one, so zisk4j and ZisK QUIC peers cannot talk to each other (everything above the
 *       handshake matches).</li>
 *   <li>A message is one unidirectional stream (at most 4 MiB sent, 10 MiB accepted); the consumer
 *       hands out a message only once its FIN arrived and in stream-id order, so a send that fails
 *       mid-message can be resent whole to the next job without duplicating bytes.</li>
 *   <li>End of job: an empty stream. Once every stream up to it has arrived (buffered, not
 *       necessarily read) the consumer closes with code 0, and only then does the producer's
 *       {@code endJob} return, so a slow reader loses nothing (closing first would discard bytes in
 *       flight). The producer gives up waiting after the idle timeout. A close with code 0 at a
 *       message boundary is also a clean end (ZisK's writer); any other close, or a close
 *       mid-message, is an error at the reader.</li>
 *   <li>Idle timeout 10 min on both sides (quiche has no keep-alive): a job that flushes nothing for
 *       10 minutes loses its connection. ZisK's quinn default is 30 s.</li>
 *   <li>Memory: the consumer pauses reading above 16 MiB buffered (except the stream it needs
 *       next), so QUIC flow control holds the producer back.</li>
 * </ul>
 */
package dev.zisk4j.io.transport.quic;
