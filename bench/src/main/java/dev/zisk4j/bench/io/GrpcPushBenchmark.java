package dev.zisk4j.bench.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.zisk4j.io.ZiskStream;
import dev.zisk4j.io.transport.grpc.GrpcPushProducerTransport;
import dev.zisk4j.io.transport.grpc.GrpcPushReceiver;
import dev.zisk4j.proto.coordinator.v1.InputChunk;
import dev.zisk4j.proto.coordinator.v1.PushJobInputRequest;
import dev.zisk4j.proto.coordinator.v1.ZiskCoordinatorApiGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * gRPC push throughput on loopback. One operation moves {@link #BATCH_BYTES} of records of
 * {@code recordBytes}: {@code zisk4jPush} through {@code ZiskStream.grpc} (framing, 64 KiB chunks,
 * flow control) into a {@code GrpcPushReceiver} whose job input a reader thread drains;
 * {@code rawGrpcStreaming} sends the same bytes as raw 64 KiB {@code PushJobInputRequest}s to a
 * server that discards them. MB/s = ops/s x 8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class GrpcPushBenchmark {
  static final int CHUNK = 64 * 1024;

  @Param({"64", "4096", "1048576"})
  int recordBytes;

  private byte[] record;
  private GrpcPushReceiver receiver;
  private ZiskStream stream;
  private Thread drain;

  private Server rawServer;
  private ManagedChannel rawChannel;
  private ClientCallStreamObserver<PushJobInputRequest> rawCall;
  private final Semaphore rawReady = new Semaphore(0);
  private ByteString rawChunk;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchIo.quietLogging();
    record = new byte[recordBytes];
    receiver = GrpcPushReceiver.start(0);
    stream = ZiskStream.grpc(GrpcPushProducerTransport.builder(receiver.target()).jobId("bench"));
    drain = BenchIo.drain(() -> receiver.input("bench"));

    rawServer = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(new ZiskCoordinatorApiGrpc.ZiskCoordinatorApiImplBase() {
          @Override
          public StreamObserver<PushJobInputRequest> pushJobInput(StreamObserver<Empty> response) {
            return new StreamObserver<>() {
              @Override public void onNext(PushJobInputRequest value) {}
              @Override public void onError(Throwable t) {}
              @Override public void onCompleted() {
                response.onNext(Empty.getDefaultInstance());
                response.onCompleted();
              }
            };
          }
        }).build().start();
    rawChannel = Grpc.newChannelBuilder("localhost:" + rawServer.getPort(), InsecureChannelCredentials.create()).build();
    ZiskCoordinatorApiGrpc.newStub(rawChannel).pushJobInput(new ClientResponseObserver<PushJobInputRequest, Empty>() {
      @Override public void beforeStart(ClientCallStreamObserver<PushJobInputRequest> requests) {
        rawCall = requests;
        requests.setOnReadyHandler(rawReady::release);
      }
      @Override public void onNext(Empty value) {}
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {}
    });
    rawChunk = ByteString.copyFrom(new byte[CHUNK]);
  }

  @Benchmark
  public void zisk4jPush() throws Exception {
    BenchIo.writeBatch(stream, record);
  }

  @Benchmark
  public void rawGrpcStreaming() throws Exception {
    for (int sent = 0; sent < BenchIo.BATCH_BYTES; sent += CHUNK) {
      while (!rawCall.isReady()) {
        rawReady.tryAcquire(10, TimeUnit.MILLISECONDS);
      }
      rawCall.onNext(PushJobInputRequest.newBuilder().setJobId("raw")
          .setChunk(InputChunk.newBuilder().setData(rawChunk)).build());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stream.finish();
    stream.close();
    drain.join(5000);
    receiver.close();
    rawCall.onCompleted();
    rawChannel.shutdownNow();
    rawServer.shutdownNow();
  }
}
