package dev.zisk4j.io.transport.quic;

import dev.zisk4j.io.transport.ConsumerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The consuming side of {@code quic://ip:port}: a QUIC client that connects to the producer and
 * returns its messages, stream after stream in stream-id order, as one byte stream.
 *
 * <p>Like ZisK's reader it sends server name "localhost" and does not verify the producer's
 * certificate: the producer makes a new self-signed one at every bind, so there is nothing to pin.
 * Use it on trusted networks only.
 */
public final class QuicConsumerTransport implements ConsumerTransport {
  /** Connection-level receive window: how far the producer may run ahead of the reader. */
  static final long RECEIVE_WINDOW_BYTES = 32L * 1024 * 1024;
  /** Pause before retrying an attempt that failed outright. */
  private static final long RETRY_PAUSE_MILLIS = 50;

  /**
   * Connects, retrying until {@code deadline} if the producer is not listening yet.
   *
   * @throws IllegalArgumentException if the URI is not {@code quic://ip:port}
   * @throws TransportTimeoutException if no producer answered before the deadline
   * @throws IOException if the QUIC native library cannot load or the UDP socket cannot open
   */
  @Override
  public InputStream connect(URI uri, Duration deadline) throws IOException {
    InetSocketAddress producer = QuicTransport.socketAddressOf(uri);
    try {
      Quic.ensureAvailability();
    } catch (Throwable e) {
      throw new IOException("QUIC native library unavailable: " + e, e);
    }
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      QuicSslContext ssl = QuicSslContextBuilder.forClient()
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .applicationProtocols(QuicTransport.ALPN)
          .build();
      ChannelHandler codec = new QuicClientCodecBuilder()
          .sslContext(ssl)
          .maxIdleTimeout(QuicTransport.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .initialMaxData(RECEIVE_WINDOW_BYTES)
          .initialMaxStreamDataUnidirectional(QuicTransport.MAX_RECEIVED_STREAM_BYTES)
          .initialMaxStreamsUnidirectional(QuicTransport.MAX_CONCURRENT_UNI_STREAMS)
          .initialMaxStreamsBidirectional(0)
          .build();
      Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
          .bind(0).sync().channel();
      long deadlineNanos = System.nanoTime() + deadline.toNanos();
      while (true) {
        // One attempt runs until the deadline: QUIC retransmits its Initial packets by itself while
        // the producer is not up yet. Abandoning a slow attempt could leave the producer holding a
        // half-finished connection it might pick for the job.
        var stream = new QuicInputStream(uri, group);
        Future<QuicChannel> attempt = QuicChannel.newBootstrap(udp)
            .handler(stream.connectionHandler())
            .streamHandler(stream.streamHandler())
            .remoteAddress(producer)
            .connect();
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (attempt.await(Math.max(1, remainingMillis)) && attempt.isSuccess()) {
          stream.attach(attempt.getNow());
          return stream;
        }
        if (!attempt.isDone()) {
          attempt.addListener(f -> {
            if (f.isSuccess()) {
              ((QuicChannel) f.getNow()).close(true, QuicTransport.CLOSE_CONSUMER_GONE, Unpooled.EMPTY_BUFFER);
            }
          });
          throw new TransportTimeoutException("no QUIC producer answered at " + uri, deadline);
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
          throw new TransportTimeoutException("no QUIC producer answered at " + uri
              + " (last attempt: " + attempt.cause() + ")", deadline);
        }
        Thread.sleep(RETRY_PAUSE_MILLIS); // the attempt failed outright (e.g. refused); try again
      }
    } catch (InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted connecting to " + uri);
    } catch (IOException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }
}
