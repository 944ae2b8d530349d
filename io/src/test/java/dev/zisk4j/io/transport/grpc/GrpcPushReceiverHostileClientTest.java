package dev.zisk4j.io.transport.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link GrpcPushReceiver} against raw clients that break the push protocol. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcPushReceiverHostileClientTest {
  private GrpcPushReceiver receiver;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    receiver = GrpcPushReceiver.start(0);
    channel = Grpc.newChannelBuilder(receiver.target(), InsecureChannelCredentials.create())
        .maxInboundMessageSize(64 << 20).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    receiver.close();
  }

  /** A raw push: its request side, and the status the receiver ends it with. */
  private final class RawPush implements ClientResponseObserver<PushJobInputRequest, Empty> {
    final CompletableFuture<Status> outcome = new CompletableFuture<>();
    ClientCallStreamObserver<PushJobInputRequest> requests;

    RawPush() {
      ZiskCoordinatorApiGrpc.newStub(channel).pushJobInput(this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<PushJobInputRequest> requestStream) {
      requests = requestStream;
    }

    @Override
    public void onNext(Empty value) {}

    @Override
    public void onError(Throwable t) {
      outcome.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      outcome.complete(Status.OK);
    }

    void send(String jobId, byte[] data) {
      requests.onNext(PushJobInputRequest.newBuilder().setJobId(jobId)
          .setChunk(InputChunk.newBuilder().setData(ByteString.copyFrom(data))).build());
    }

    Status.Code code() throws Exception {
      return outcome.get(20, TimeUnit.SECONDS).getCode();
    }
  }

  @Test
  void changingJobIdMidPushIsRejectedAndTheReaderFails() throws Exception {
    var push = new RawPush();
    push.send("a", new byte[8]);
    push.send("b", new byte[8]);
    push.requests.onCompleted();
    assertThat(push.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    var in = receiver.input("a");
    assertThat(in.readNBytes(8)).hasSize(8);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("expected=a");
  }

  @Test
  void blankJobIdIsRejected() throws Exception {
    var push = new RawPush();
    push.send("", new byte[8]);
    push.requests.onCompleted();
    assertThat(push.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void pushWithoutAnyRequestIsRejected() throws Exception {
    var push = new RawPush();
    push.requests.onCompleted();
    assertThat(push.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void chunkOverTheInboundLimitIsRejected() throws Exception {
    var push = new RawPush();
    push.send("big", new byte[GrpcPushTransport.DEFAULT_MAX_INBOUND_BYTES + 1]);
    push.requests.onCompleted();
    assertThat(push.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void clientCancellingMidPushFailsTheReaderInsteadOfEndingCleanly() throws Exception {
    var push = new RawPush();
    push.send("c", new byte[16]);
    var in = receiver.input("c");
    assertThat(in.readNBytes(16)).hasSize(16);
    push.requests.cancel("client gave up", null);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("aborted by client");
  }

  @Test
  void readerMayComeBeforeOrAfterThePush() throws Exception {
    var early = receiver.input("early");
    var push = new RawPush();
    push.send("early", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    push.requests.onCompleted();
    assertThat(push.code()).isEqualTo(Status.Code.OK);
    assertThat(early.readAllBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    var second = new RawPush();
    second.send("late", new byte[] {9});
    second.requests.onCompleted();
    assertThat(second.code()).isEqualTo(Status.Code.OK);
    assertThat(receiver.input("late").readAllBytes()).containsExactly(9);
  }

  @Test
  void otherCoordinatorRpcsAreUnimplemented() {
    var stub = ZiskCoordinatorApiGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> stub.cancelJob(dev.zisk4j.proto.coordinator.v1.CancelJobRequest.getDefaultInstance()))
        .hasMessageContaining("UNIMPLEMENTED");
  }

}
