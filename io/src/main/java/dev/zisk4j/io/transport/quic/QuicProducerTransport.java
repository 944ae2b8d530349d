package dev.zisk4j.io.transport.quic;

import dev.zisk4j.io.transport.ProducerTransport;
import dev.zisk4j.io.transport.TransportTimeoutException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK side of {@code ZiskStream.quic(uri)}: a QUIC server bound from construction to
 * {@link #close}, with a fresh self-signed "localhost" certificate; one consumer connection per
 * job, one unidirectional stream per message (layout in {@link QuicTransport}).
 *
 * <p>Thread safety: {@link #awaitConsumer}, {@link #send} and {@link #endJob} are called by one
 * thread at a time (the owning stream serialises them); {@link #close} may come from any thread
 * and wakes a blocked {@link #awaitConsumer}.
 */
public final class QuicProducerTransport implements ProducerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(QuicProducerTransport.class);
  private static final Object CLOSED = new Object();
  /**
   * How long {@link #endJob} waits for the consumer to confirm it received everything before
   * closing anyway (which may cut off bytes still in flight): the QUIC idle timeout, after which
   * the connection would be gone regardless.
   */
  static final Duration DEFAULT_LINGER = QuicTransport.IDLE_TIMEOUT;

  private static final ChannelHandler DISCARD_INBOUND = new DiscardInbound();
  private static final long STREAM_CREDIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final EventLoopGroup group;
  private final Channel udp;
  private final URI uri;
  private final Duration linger;
  private final BlockingQueue<Object> arrivals;
  private volatile QuicChannel connection;
  private volatile boolean closed;

  private QuicProducerTransport(
      EventLoopGroup group, Channel udp, Duration linger, BlockingQueue<Object> arrivals) {
    this.group = group;
    this.arrivals = arrivals;
    this.udp = udp;
    this.linger = linger;
    this.uri = QuicTransport.uriOf((InetSocketAddress) udp.localAddress());
  }

  /**
   * Binds a QUIC server at {@code quic://ip:port} (port 0 picks a free port; {@link #uri()} reports
   * the real one).
   *
   * @throws IllegalArgumentException if the URI is not {@code quic://ip:port}
   * @throws IOException if the UDP port cannot be bound or the QUIC native library cannot load
   */
  public static QuicProducerTransport bind(URI uri) throws IOException {
    return bind(uri, DEFAULT_LINGER);
  }

  static QuicProducerTransport bind(URI uri, Duration linger) throws IOException {
    InetSocketAddress address = QuicTransport.socketAddressOf(uri);
    Quic.ensureAvailability();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      LocalhostCertificate certificate = LocalhostCertificate.generate();
      QuicSslContext ssl = QuicSslContextBuilder
          .forServer(certificate.key(), null, certificate.certificate())
          .applicationProtocols(QuicTransport.ALPN)
          .build();
      var arrivals = new LinkedBlockingQueue<Object>();
      ChannelHandler codec = new QuicServerCodecBuilder()
          .sslContext(ssl)
          .maxIdleTimeout(QuicTransport.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          // The consumer sends us nothing but ACKs: grant it no stream credit.
          .initialMaxData(0)
          .initialMaxStreamsBidirectional(0)
          .initialMaxStreamsUnidirectional(0)
          .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
          .handler(new ConnectionArrivals(arrivals))
          .streamHandler(new RefuseStreams())
          .build();
      Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
          .bind(address).sync().channel();
      var transport = new QuicProducerTransport(group, udp, linger, arrivals);
      LOG.debug("QUIC producer listening: uri={}", transport.uri);
      return transport;
    } catch (InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while binding " + uri);
    } catch (RuntimeException | Error e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IOException("cannot bind QUIC producer: uri=" + uri + ": " + e, e);
    }
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public int maxMessageBytes() {
    return QuicTransport.MAX_MESSAGE_BYTES;
  }

  @Override
  public void awaitConsumer(Duration deadline) throws IOException {
    QuicChannel current = connection;
    if (current != null && current.isActive()) {
      return;
    }
    connection = null;
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    while (true) {
      if (closed) {
        throw new IOException("QUIC producer closed: uri=" + uri);
      }
      long remaining = deadlineNanos - System.nanoTime();
      Object next;
      try {
        next = remaining <= 0 ? arrivals.poll() : arrivals.poll(remaining, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for a QUIC consumer: uri=" + uri);
      }
      if (next == null) {
        throw new TransportTimeoutException("no QUIC consumer connected to " + uri, deadline);
      }
      if (next == CLOSED) {
        arrivals.offer(CLOSED);
        throw new IOException("QUIC producer closed: uri=" + uri);
      }
      QuicChannel candidate = (QuicChannel) next;
      if (candidate.isActive()) {
        connection = candidate;
        LOG.debug("QUIC consumer connected: uri={} remote={}", uri, candidate.remoteSocketAddress());
        return;
      }
    }
  }

  @Override
  public void send(ByteBuffer message) throws IOException {
    int length = message.remaining();
    if (length > QuicTransport.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("message too large: length=" + length
          + ", maxMessageBytes=" + QuicTransport.MAX_MESSAGE_BYTES);
    }
    if (length == 0) {
      return; // an empty stream means end of job on the wire; an empty message carries nothing
    }
    QuicChannel c = requireConnection();
    writeStream(c, Unpooled.wrappedBuffer(message));
    message.position(message.limit());
  }

  private QuicChannel requireConnection() throws IOException {
    QuicChannel c = connection;
    if (c == null) {
      throw new IOException("no QUIC consumer connected: uri=" + uri);
    }
    if (!c.isActive()) {
      throw new IOException("QUIC consumer gone: uri=" + uri + ", remote=" + c.remoteSocketAddress());
    }
    return c;
  }

  /** Opens one unidirectional stream, writes {@code payload} and FIN, and waits until QUIC took it. */
  private void writeStream(QuicChannel c, io.netty.buffer.ByteBuf payload) throws IOException {
    try {
      // Netty takes the next stream id before quiche checks the consumer's stream credit, so a
      // create that fails for lack of credit would leave a hole in the id sequence the consumer
      // reads in order. Hence: wait for credit first; a create that still fails ends the job.
      awaitStreamCredit(c);
      Future<QuicStreamChannel> opened = c.createStream(QuicStreamType.UNIDIRECTIONAL, DISCARD_INBOUND);
      opened.await();
      if (!opened.isSuccess()) {
        payload.release();
        throw new IOException("QUIC consumer gone (cannot open stream): uri=" + uri, opened.cause());
      }
      ChannelFuture written = opened.getNow().writeAndFlush(new DefaultQuicStreamFrame(payload, true));
      written.await();
      if (!written.isSuccess()) {
        throw new IOException("QUIC consumer gone (write failed): uri=" + uri, written.cause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted sending to QUIC consumer: uri=" + uri);
    }
  }

  /**
   * Returns once the consumer allows another unidirectional stream (a volatile read in Netty; the
   * consumer allows {@value QuicTransport#MAX_CONCURRENT_UNI_STREAMS} unfinished streams). Polls
   * only in the rare case of a producer far ahead of a slow consumer.
   */
  private void awaitStreamCredit(QuicChannel c) throws IOException {
    long deadline = System.nanoTime() + QuicTransport.IDLE_TIMEOUT.toNanos();
    while (c.isActive()) {
      if (c.peerAllowedStreams(QuicStreamType.UNIDIRECTIONAL) > 0) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("QUIC consumer granted no stream credit within " + QuicTransport.IDLE_TIMEOUT
            + ": uri=" + uri);
      }
      LockSupport.parkNanos(STREAM_CREDIT_POLL_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted waiting for QUIC stream credit: uri=" + uri);
      }
    }
  }

  @Override
  public void endJob() throws IOException {
    QuicChannel c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    try {
      if (c.isActive()) {
        writeStream(c, Unpooled.EMPTY_BUFFER);
        // The consumer closes once it holds every stream (received, maybe not yet read); wait for
        // that, since closing first would discard whatever is still in flight.
        if (!c.closeFuture().await(linger.toMillis())) {
          LOG.debug("QUIC consumer did not confirm end of job within linger={}; closing", linger);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted ending QUIC job: uri=" + uri);
    } catch (IOException e) {
      LOG.debug("QUIC consumer gone before end of job: uri={}: {}", uri, e.toString());
    } finally {
      closeConnection(c);
    }
  }

  private static void closeConnection(QuicChannel c) {
    if (c.isOpen()) {
      c.close(true, QuicTransport.CLOSE_JOB_DONE, Unpooled.EMPTY_BUFFER);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    arrivals.offer(CLOSED);
    QuicChannel c = connection;
    connection = null;
    if (c != null) {
      closeConnection(c);
    }
    for (Object pending : arrivals) {
      if (pending instanceof QuicChannel q) {
        closeConnection(q);
      }
    }
    udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    LOG.debug("QUIC producer closed: uri={}", uri);
  }

  /** Queues each connection once its handshake completed. */
  @ChannelHandler.Sharable
  private static final class ConnectionArrivals extends ChannelInboundHandlerAdapter {
    private final BlockingQueue<Object> target;

    ConnectionArrivals(BlockingQueue<Object> target) {
      this.target = target;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      target.offer(ctx.channel());
      ctx.fireChannelActive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("QUIC connection error: remote={}: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  /** The consumer has no reason to open streams to us. */
  @ChannelHandler.Sharable
  private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.close();
    }
  }

  /** Our streams are unidirectional; nothing comes back on them. */
  @ChannelHandler.Sharable
  private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
    }
  }
}
