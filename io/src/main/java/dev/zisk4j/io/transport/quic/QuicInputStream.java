package dev.zisk4j.io.transport.quic;

import dev.zisk4j.io.transport.BlockingChunkQueue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One job's input read from a QUIC connection: the producer's unidirectional streams concatenated in
 * stream-id order (3, 7, 11, ...), whatever order their packets arrive in.
 *
 * <p>End of input: an empty stream (zisk4j producer), or the producer closing the connection with
 * application code 0 at a stream boundary (ZisK's writer). Anything else (a connection lost or
 * closed with an error, a stream cut short, a stream over {@link QuicTransport#MAX_RECEIVED_STREAM_BYTES})
 * is an {@link IOException} naming the stream and byte count.
 *
 * <p>Memory is bounded: above {@link #HIGH_WATER_BYTES} buffered, while a complete message waits
 * for the reader, stream reads pause, so QUIC flow
 * control holds the producer back. Read by one thread; {@link #close} from any thread.
 */
final class QuicInputStream extends InputStream {
  static final long HIGH_WATER_BYTES = 16L * 1024 * 1024;
  static final long LOW_WATER_BYTES = 4L * 1024 * 1024;

  private final URI uri;
  private final EventLoopGroup group;
  private final ReentrantLock lock = new ReentrantLock();
  private final BlockingChunkQueue queue;
  private final Map<Long, Incoming> streams = new HashMap<>();
  private final List<Incoming> paused = new ArrayList<>();
  private QuicChannel connection;
  private long nextStreamId = QuicTransport.FIRST_SERVER_UNI_STREAM_ID;
  private long buffered;
  private long delivered;
  private boolean acknowledged;
  private boolean peerClosed;
  private QuicConnectionCloseEvent closeEvent;

  QuicInputStream(URI uri, EventLoopGroup group) {
    this.uri = uri;
    this.group = group;
    this.queue = new BlockingChunkQueue("QUIC input: uri=" + uri, lock, new BlockingChunkQueue.Hooks() {
      @Override
      public void consumed(int n) {
        QuicInputStream.this.consumed(n);
      }

      @Override
      public void starved() {
        nextMessage();
      }
    });
  }

  void attach(QuicChannel channel) {
    lock.lock();
    try {
      connection = channel;
      if (acknowledged) {
        acknowledged = false;
        acknowledge(); // the whole job arrived before connect() returned
      }
    } finally {
      lock.unlock();
    }
  }

  ChannelHandler connectionHandler() {
    return new ConnectionHandler();
  }

  ChannelHandler streamHandler() {
    return new StreamHandler();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return queue.read(b, off, len);
  }

  /**
   * The reader has read every message handed to it: hands it the next one if complete (as ZisK's
   * read_to_end, a message goes out only once whole, so a producer whose send failed mid-message
   * may resend all of it to the next job without duplicating bytes), ends at the end marker, or
   * settles a closed connection. Runs on the reader's thread under the lock.
   */
  private void nextMessage() {
    Incoming next = streams.get(nextStreamId);
    if (next != null && next.fin) {
      streams.remove(nextStreamId);
      nextStreamId += QuicTransport.STREAM_ID_STEP;
      if (next.received == 0) {
        endOfInput();
        return;
      }
      next.chunks.forEach(chunk -> queue.add(new NettyChunk(chunk)));
      next.chunks.clear();
      return;
    }
    resumeAll(); // the next message must complete: keep every stream flowing (see channelRead)
    if (peerClosed) {
      settlePeerClose(next);
    }
  }

  /** The producer is gone: a clean end if it said so at a stream boundary, else an error. */
  private void settlePeerClose(Incoming next) {
    boolean graceful = closeEvent != null && closeEvent.isApplicationClose()
        && closeEvent.error() == QuicTransport.CLOSE_JOB_DONE;
    if (graceful && next == null && streams.isEmpty()) {
      queue.end();
    } else if (next != null) {
      queue.fail(new IOException("QUIC connection closed mid-message: uri=" + uri + ", streamId="
          + nextStreamId + ", received=" + next.received + " bytes without FIN, close=" + closeEvent));
    } else {
      queue.fail(new IOException("QUIC connection lost before end of input: uri=" + uri + ", delivered="
          + delivered + " bytes, close=" + (closeEvent == null ? "idle timeout or reset" : closeEvent)));
    }
  }

  private void consumed(int n) {
    delivered += n;
    buffered -= n;
    if (buffered <= LOW_WATER_BYTES) {
      resumeAll();
    }
  }

  private void resumeAll() {
    for (Incoming incoming : paused) {
      incoming.paused = false;
      Channel channel = incoming.channel;
      channel.eventLoop().execute(() -> {
        channel.config().setAutoRead(true);
        channel.read();
      });
    }
    paused.clear();
  }

  /** The reader reached the end marker. */
  private void endOfInput() {
    queue.end();
    acknowledge();
  }

  /**
   * Once every stream up to the end marker has arrived (not necessarily been read: it is buffered
   * here), closes with code 0: the producer's {@code endJob} waits for that close, so it returns
   * only when nothing can be cut off, however slowly the reader reads. Caller holds the lock.
   */
  private void acknowledgeIfAllReceived() {
    if (acknowledged) {
      return;
    }
    for (long id = nextStreamId; ; id += QuicTransport.STREAM_ID_STEP) {
      Incoming incoming = streams.get(id);
      if (incoming == null || !incoming.fin) {
        return;
      }
      if (incoming.received == 0) {
        acknowledge();
        return;
      }
    }
  }

  private void acknowledge() {
    if (acknowledged) {
      return;
    }
    acknowledged = true;
    QuicChannel c = connection;
    if (c != null) {
      c.close(true, QuicTransport.CLOSE_JOB_DONE, Unpooled.EMPTY_BUFFER);
    }
  }

  @Override
  public int available() {
    return queue.available();
  }

  /** Disconnects; before the end of input this tells the producer the consumer is gone. */
  @Override
  public void close() {
    QuicChannel c;
    boolean early;
    lock.lock();
    try {
      early = !queue.isEnded();
      if (!queue.close()) {
        return;
      }
      c = connection;
      streams.values().forEach(Incoming::release);
      streams.clear();
    } finally {
      lock.unlock();
    }
    if (c != null && c.isOpen()) {
      int code = early ? QuicTransport.CLOSE_CONSUMER_GONE : QuicTransport.CLOSE_JOB_DONE;
      c.close(true, code, Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Records the first protocol failure and closes the connection; caller holds the lock. */
  private void fail(IOException e) {
    queue.fail(e);
    QuicChannel c = connection;
    if (c != null) {
      c.close(true, QuicTransport.CLOSE_PROTOCOL_ERROR, Unpooled.EMPTY_BUFFER);
    }
  }

  /** A received frame's bytes; the reference taken in channelRead is given back once read or discarded. */
  private record NettyChunk(ByteBuf buf) implements BlockingChunkQueue.Chunk {
    @Override
    public int remaining() {
      return buf.readableBytes();
    }

    @Override
    public void read(byte[] dst, int off, int len) {
      buf.readBytes(dst, off, len);
    }

    @Override
    public void release() {
      buf.release();
    }
  }

  /** Bytes of one producer stream that arrived and are not yet handed to the reader. */
  private static final class Incoming {
    final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    final Channel channel;
    long received;
    boolean fin;
    boolean paused;

    Incoming(Channel channel) {
      this.channel = channel;
    }

    void release() {
      chunks.forEach(ByteBuf::release);
      chunks.clear();
    }
  }

  private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof QuicConnectionCloseEvent event) {
        lock.lock();
        try {
          closeEvent = event;
        } finally {
          lock.unlock();
        }
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      lock.lock();
      try {
        peerClosed = true;
        queue.wake();
      } finally {
        lock.unlock();
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @ChannelHandler.Sharable
  private final class StreamHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      // Frames carry the FIN flag, which is how a message's end (and the end marker) is seen.
      ((QuicStreamChannel) ctx.channel()).config().setReadFrames(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      QuicStreamChannel channel = (QuicStreamChannel) ctx.channel();
      QuicStreamFrame frame = msg instanceof QuicStreamFrame f ? f : new DefaultQuicStreamFrame((ByteBuf) msg, false);
      long id = channel.streamId();
      lock.lock();
      try {
        if (queue.isClosed() || queue.isEnded()) {
          return;
        }
        if (!channel.isLocalCreated() && id % QuicTransport.STREAM_ID_STEP != QuicTransport.FIRST_SERVER_UNI_STREAM_ID
            || id < nextStreamId) {
          fail(new IOException("unexpected QUIC stream: uri=" + uri + ", streamId=" + id));
          return;
        }
        Incoming incoming = streams.computeIfAbsent(id, k -> new Incoming(channel));
        int n = frame.content().readableBytes();
        incoming.received += n;
        if (incoming.received > QuicTransport.MAX_RECEIVED_STREAM_BYTES) {
          fail(new IOException("QUIC message too large: uri=" + uri + ", streamId=" + id
              + ", received=" + incoming.received + ", max=" + QuicTransport.MAX_RECEIVED_STREAM_BYTES));
          return;
        }
        if (n > 0) {
          incoming.chunks.add(frame.content().retain());
          buffered += n;
        }
        if (frame.hasFin()) {
          incoming.fin = true;
        }
        // Pause only while the reader has a complete message to work on. Pausing while the next
        // message is incomplete could deadlock: paused streams' unread bytes hold QUIC's
        // connection-level window, which the next message may need.
        Incoming next = streams.get(nextStreamId);
        boolean readerBusy = queue.queuedBytes() > 0 || next != null && next.fin;
        if (buffered > HIGH_WATER_BYTES && readerBusy && !incoming.paused && !incoming.fin) {
          channel.config().setAutoRead(false);
          incoming.paused = true;
          paused.add(incoming);
        }
        if (incoming.fin) {
          // The reader only ever waits for a complete message: waking it per frame would cost a
          // context switch per packet for nothing.
          queue.wake();
          acknowledgeIfAllReceived();
        }
      } finally {
        lock.unlock();
        frame.release();
      }
    }

    /** A FIN that arrives without data may surface as an input-shutdown event instead of a frame. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent || evt instanceof ChannelInputShutdownReadComplete) {
        QuicStreamChannel channel = (QuicStreamChannel) ctx.channel();
        lock.lock();
        try {
          // The event may come after the reader has consumed the stream and moved past it: a stream
          // below nextStreamId is done, and re-adding it would look like unread input at a close.
          if (!queue.isClosed() && !queue.isEnded() && channel.streamId() >= nextStreamId) {
            Incoming incoming = streams.computeIfAbsent(channel.streamId(), k -> new Incoming(channel));
            incoming.fin = true;
          }
          queue.wake();
        } finally {
          lock.unlock();
        }
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      QuicStreamChannel channel = (QuicStreamChannel) ctx.channel();
      lock.lock();
      try {
        Incoming incoming = streams.get(channel.streamId());
        if (incoming != null && !incoming.fin && !queue.isClosed() && !queue.isEnded() && channel.parent().isActive()) {
          fail(new IOException("QUIC stream reset by producer: uri=" + uri + ", streamId="
              + channel.streamId() + ", received=" + incoming.received + " bytes"));
        }
        queue.wake();
      } finally {
        lock.unlock();
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
