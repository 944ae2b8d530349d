package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.cluster.auth.AccessRules;
import dev.zisk4j.cluster.auth.CoordinatorSecurity;
import dev.zisk4j.cluster.coordinator.CoordinatorConfig;
import dev.zisk4j.cluster.coordinator.CoordinatorServer;
import dev.zisk4j.cluster.store.InMemoryJobStore;
import dev.zisk4j.io.transport.grpc.CoordinatorAccess;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.ExecuteRequest;
import dev.zisk4j.proto.coordinator.v1.JobKind;
import dev.zisk4j.proto.coordinator.v1.JobRequestMessage;
import dev.zisk4j.proto.coordinator.v1.RegisterGuestProgramRequest;
import dev.zisk4j.proto.coordinator.v1.WaitJobResultRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import dev.zisk4j.proto.distributed.v1.CoordinatorMessage;
import dev.zisk4j.proto.distributed.v1.JobsListRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofRequest;
import dev.zisk4j.proto.distributed.v1.ZiskDistributedApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The auth half of cluster.md §10.8 over a real coordinator with an access file (tokens, plaintext loopback). */
class AuthTest {
  private static final String ALICE = "alice-token-1";
  private static final String BOB = "bob-token-2";
  private static final String WORKER = "worker-token-3";
  private static final String ROOT = "admin-token-4";
  private CoordinatorServer server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    AccessRules rules = AccessRules.parse("""
        [[token]]
        name = "alice"
        role = "client"
        sha256 = "%s"
        [[token]]
        name = "bob"
        role = "client"
        sha256 = "%s"
        [[token]]
        name = "pool"
        role = "worker"
        sha256 = "%s"
        prover-prefix = "gpu-"
        [[token]]
        name = "root"
        role = "admin"
        sha256 = "%s"
        """.formatted(AccessRules.hashOf(ALICE), AccessRules.hashOf(BOB), AccessRules.hashOf(WORKER),
        AccessRules.hashOf(ROOT)));
    server = CoordinatorServer.start(CoordinatorConfig.defaults().withHost("127.0.0.1").withPort(0),
        new InMemoryJobStore(), null, new CoordinatorSecurity(Optional.empty(), Optional.of(rules)));
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    server.close();
  }

  private ManagedChannel channel(String token) {
    CoordinatorAccess a = token == null ? CoordinatorAccess.plaintext() : CoordinatorAccess.plaintext().withToken(token);
    ManagedChannel c = a.channelBuilder("127.0.0.1", server.port()).build();
    channels.add(c);
    return c;
  }

  private ZiskDistributedApiGrpc.ZiskDistributedApiBlockingStub admin(String token) {
    return ZiskDistributedApiGrpc.newBlockingStub(channel(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private ZiskCoordinatorApiGrpc.ZiskCoordinatorApiBlockingStub client(String token) {
    return ZiskCoordinatorApiGrpc.newBlockingStub(channel(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void noTokenOrAWrongOneIsUnauthenticatedButHealthIsOpen() {
    assertThat(code(() -> admin(null).jobsList(JobsListRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> admin("not-a-token").jobsList(JobsListRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> client(null).registerGuestProgram(RegisterGuestProgramRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(HealthGrpc.newBlockingStub(channel(null)).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .hasToString("SERVING");
    assertThat(code(() -> admin(ALICE).jobsList(JobsListRequest.getDefaultInstance()))).isEqualTo(Status.Code.OK);
  }

  @Test
  void rolesAreEnforced() {
    assertThat(code(() -> admin(WORKER).jobsList(JobsListRequest.getDefaultInstance())))
        .as("worker token on the admin API").isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> admin(WORKER).healthCheck(Empty.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> client(WORKER).jobRequest(JobRequestMessage.getDefaultInstance())))
        .as("worker token on the client API").isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> admin(ALICE).launchProof(LaunchProofRequest.getDefaultInstance())))
        .as("client token on a mutating admin call").isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> admin(ROOT).launchProof(LaunchProofRequest.getDefaultInstance())))
        .as("admin passes auth (the empty request is then answered in-band)").isEqualTo(Status.Code.OK);
  }

  @Test
  void aProverStreamWithoutATokenIsRefusedBeforeItsFirstMessage() throws Exception {
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ZiskDistributedApiGrpc.newStub(channel(null)).proverStream(new StreamObserver<CoordinatorMessage>() {
      @Override
      public void onNext(CoordinatorMessage m) {}

      @Override
      public void onError(Throwable t) {
        closed.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        closed.complete(Status.OK);
      }
    });
    // nothing is sent: the refusal comes from the headers alone
    assertThat(closed.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aClientSeesOnlyItsOwnJobsAndAnAdminSeesAll() throws Exception {
    String hash = client(ALICE).registerGuestProgram(RegisterGuestProgramRequest.newBuilder()
        .setZiskElf(ByteString.copyFrom(Guests.image("sort").encode())).build()).getHashId();
    String job = client(ALICE).jobRequest(JobRequestMessage.newBuilder().setJobKind(JobKind.newBuilder()
        .setExecute(ExecuteRequest.newBuilder().setHashId(hash))).build()).getJobId();
    WaitJobResultRequest wait = WaitJobResultRequest.newBuilder().setJobId(job).setTimeoutSeconds(1).build();
    assertThat(code(() -> client(BOB).waitJobResult(wait))).as("another owner's job")
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> client(BOB).cancelJob(CancelJobRequest.newBuilder().setJobId(job).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> client(ALICE).waitJobResult(wait))).isEqualTo(Status.Code.OK);
    assertThat(code(() -> client(ROOT).waitJobResult(wait))).isEqualTo(Status.Code.OK);
  }

  @Test
  void accessFilesAreCheckedStrictly() {
    assertThatThrownBy(() -> AccessRules.parse("")).hasMessageContaining("no [[token]] or [[identity]] entry");
    assertThatThrownBy(() -> AccessRules.parse("[[token]]\nname=\"a\"\nrole=\"client\"\nsha256=\"abc\"\n"))
        .hasMessageContaining("sha256 must be 64 hex digits");
    assertThatThrownBy(() -> AccessRules.parse("[[token]]\nname=\"a\"\nrole=\"root\"\nsha256=\"" + "0".repeat(64)
        + "\"\n")).hasMessageContaining("unknown role root");
    assertThatThrownBy(() -> AccessRules.parse("[[token]]\nname=\"a\"\nrole=\"client\"\nsha256=\"" + "0".repeat(64)
        + "\"\npassword=\"x\"\n")).hasMessageContaining("unknown key password");
    assertThatThrownBy(() -> AccessRules.parse("[[token]]\nname=\"a\"\nrole=\"client\"\nsha256=\"" + "0".repeat(64)
        + "\"\nprover-prefix=\"x\"\n")).hasMessageContaining("prover-prefix is for worker entries");
    assertThatThrownBy(() -> AccessRules.parse("tokens = 1\n")).hasMessageContaining("unknown key tokens");
  }

  @Test
  void aTokenNeverTravelsInPlaintextOffLoopback() {
    assertThatThrownBy(() -> CoordinatorAccess.plaintext().withToken("t").channelBuilder("10.1.2.3", 8080))
        .hasMessageContaining("refusing to send a bearer token in plaintext to 10.1.2.3");
    assertThat(CoordinatorAccess.plaintext().withToken("secret").toString()).doesNotContain("secret");
    assertThatThrownBy(() -> CoordinatorAccess.plaintext().withToken("has space"))
        .hasMessageContaining("printable ASCII");
  }
}
