package dev.zisk4j.io.transport.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.io.InputReader;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.TransportTimeoutException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ZiskStream.grpc()}: no coordinator until bound; a bound job's bytes reach it and are tapped. */
class LateBoundPushTest {
  @Test
  void anUnboundStreamWaitsThenPushesToTheJobItIsBoundTo() throws Exception {
    try (GrpcPushReceiver receiver = GrpcPushReceiver.start(0); ZiskStream stream = ZiskStream.grpc()) {
      stream.connectDeadline(Duration.ofMillis(200));
      GrpcPushProducerTransport push = stream.grpcPush().orElseThrow();
      assertThat(push.endpoint()).isNull();
      stream.write(7L);
      assertThatThrownBy(stream::flush).isInstanceOf(TransportTimeoutException.class);

      ByteArrayOutputStream tapped = new ByteArrayOutputStream();
      push.tap(b -> {
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        tapped.writeBytes(copy);
      });
      push.bind(receiver.target(), false, "job-1");
      stream.connectDeadline(Duration.ofSeconds(20));
      stream.flush();
      stream.finish();
      byte[] got;
      try (InputReader r = InputReader.over(receiver.input("job-1"), InputReader.Options.DEFAULT)) {
        got = r.readBytes(16);
      }
      assertThat(tapped.toByteArray()).isEqualTo(got);
      // the job is forgotten when it ends: the next needs its own bind, and to the same coordinator
      assertThatThrownBy(() -> push.bind("127.0.0.1:1", false, "job-2")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(receiver.target());
      assertThat(ZiskStream.unix().grpcPush()).isEmpty();
    }
  }
}
