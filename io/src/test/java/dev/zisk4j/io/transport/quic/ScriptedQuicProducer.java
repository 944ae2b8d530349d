package dev.zisk4j.io.transport.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bare Netty QUIC server for hostile-producer tests: it hands each accepted connection to the
 * test, which then misbehaves on it (oversized streams, cut-off messages, error closes).
 */
final class ScriptedQuicProducer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final CompletableFuture<QuicChannel> connection = new CompletableFuture<>();
  private final Channel udp;

  ScriptedQuicProducer() throws InterruptedException {
    LocalhostCertificate certificate = LocalhostCertificate.generate();
    ChannelHandler codec = new QuicServerCodecBuilder()
        .sslContext(QuicSslContextBuilder.forServer(certificate.key(), null, certificate.certificate())
            .applicationProtocols(QuicTransport.ALPN).build())
        .maxIdleTimeout(30, TimeUnit.SECONDS)
        .initialMaxData(1 << 20)
        .initialMaxStreamsUnidirectional(16)
        .initialMaxStreamDataUnidirectional(1 << 20)
        .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public boolean isSharable() {
            return true;
          }

          @Override
          public void channelActive(ChannelHandlerContext ctx) {
            connection.complete((QuicChannel) ctx.channel());
          }
        })
        .streamHandler(new ChannelInboundHandlerAdapter() {
          @Override
          public boolean isSharable() {
            return true;
          }
        })
        .build();
    udp = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  URI uri() {
    return QuicTransport.uriOf((InetSocketAddress) udp.localAddress());
  }

  QuicChannel connection() throws Exception {
    return connection.get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    udp.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
