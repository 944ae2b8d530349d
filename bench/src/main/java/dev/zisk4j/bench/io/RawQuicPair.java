package dev.zisk4j.bench.io;

import dev.zisk4j.io.transport.quic.LocalhostCertificate;
import dev.zisk4j.io.transport.quic.QuicTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline for QUIC: a bare Netty QUIC server and client on loopback, same TLS, windows and
 * idle timeout as zisk4j's transport, the client discarding bytes in its event loop (no ordering,
 * no InputStream, no framing).
 */
final class RawQuicPair implements AutoCloseable {
  private final EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final QuicChannel server;
  private final QuicChannel client;

  RawQuicPair() throws Exception {
    LocalhostCertificate certificate = LocalhostCertificate.generate();
    var accepted = new CompletableFuture<QuicChannel>();
    ChannelHandler serverCodec = new QuicServerCodecBuilder()
        .sslContext(QuicSslContextBuilder.forServer(certificate.key(), null, certificate.certificate())
            .applicationProtocols(QuicTransport.ALPN).build())
        .maxIdleTimeout(QuicTransport.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
        .handler(new Sharable() {
          @Override
          public void channelActive(ChannelHandlerContext ctx) {
            accepted.complete((QuicChannel) ctx.channel());
          }
        })
        .streamHandler(new Sharable())
        .build();
    Channel serverUdp = new Bootstrap().group(serverGroup).channel(NioDatagramChannel.class)
        .handler(serverCodec).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();

    ChannelHandler clientCodec = new QuicClientCodecBuilder()
        .sslContext(QuicSslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
            .applicationProtocols(QuicTransport.ALPN).build())
        .maxIdleTimeout(QuicTransport.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .initialMaxData(32L << 20)
        .initialMaxStreamDataUnidirectional(QuicTransport.MAX_RECEIVED_STREAM_BYTES)
        .initialMaxStreamsUnidirectional(QuicTransport.MAX_CONCURRENT_UNI_STREAMS)
        .build();
    Channel clientUdp = new Bootstrap().group(clientGroup).channel(NioDatagramChannel.class)
        .handler(clientCodec).bind(0).sync().channel();
    client = QuicChannel.newBootstrap(clientUdp)
        .handler(new Sharable())
        .streamHandler(new Sharable() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
          }
        })
        .remoteAddress(serverUdp.localAddress())
        .connect().get(30, TimeUnit.SECONDS);
    server = accepted.get(30, TimeUnit.SECONDS);
  }

  /** Writes {@code payload} as one unidirectional stream with FIN and waits until QUIC took it. */
  void sendStream(ByteBuf payload) throws Exception {
    var stream = server.createStream(QuicStreamType.UNIDIRECTIONAL, new Sharable()).sync().getNow();
    stream.writeAndFlush(new DefaultQuicStreamFrame(payload, true)).sync();
  }

  @Override
  public void close() {
    client.close();
    server.close();
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @ChannelHandler.Sharable
  private static class Sharable extends ChannelInboundHandlerAdapter {}
}
