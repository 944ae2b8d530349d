package dev.zisk4j.cli.proverservice;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.proto.zkprover.v1.CancelResponse.ResultCancel;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse;
import dev.zisk4j.proto.zkprover.v1.ExecuteResponse.ResultExecute;
import dev.zisk4j.proto.zkprover.v1.GenProofResponse.ResultGenProof;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse;
import dev.zisk4j.proto.zkprover.v1.GetProofResponse.ResultGetProof;
import dev.zisk4j.proto.zkprover.v1.InputProver;
import dev.zisk4j.proverservice.client.ZkProverClient;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The network subcommands of {@code zisk4j zkprover}; each exits 0 only for the protocol's success. */
final class ZkproverClientCommands {
  private ZkproverClientCommands() {}

  /** Where the server is, shared by every network subcommand. */
  static final class ServerOption {
    @Option(names = "--server", paramLabel = "HOST:PORT", description = "Server address (default localhost:50051).")
    String server = "localhost:50051";

    @Option(names = "--max-message-bytes", paramLabel = "N", description = "Largest response accepted (default 268435456).")
    int maxMessageBytes = 256 << 20;

    ZkProverClient connect() {
      if (!server.matches("[^\\s/]+:\\d{1,5}")) {
        throw new IllegalArgumentException("--server must be HOST:PORT: server=" + server);
      }
      return new ZkProverClient(server, maxMessageBytes, Duration.ofSeconds(30));
    }
  }

  /** Runs {@code body}, turning a transport failure into one line naming the server. */
  abstract static class Network implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerOption server = new ServerOption();

    abstract int run(ZkProverClient c, PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
      try (ZkProverClient c = server.connect()) {
        PrintWriter out = spec.commandLine().getOut();
        int code = run(c, out);
        out.flush();
        return code;
      } catch (StatusRuntimeException e) {
        throw new IOException(server.server + ": " + e.getStatus().getCode() + ": " + e.getStatus().getDescription(), e);
      }
    }

    /** Prints a unary answer and its trailer; fails (exit 1) unless {@code ok}. */
    void report(String rpc, ZkProverClient.Answer<? extends com.google.protobuf.Message> a, Enum<?> result, boolean ok,
        PrintWriter out) {
      out.println(ProtoJson.write(a.response()));
      a.errorDetail().ifPresent(m -> spec.commandLine().getErr().println("server says: " + m));
      if (!ok) {
        throw new CommandFailedException(rpc + " answered " + result + a.errorDetail().map(m -> ": " + m).orElse(""), 1);
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "GetStatus: print the server's state.")
  static final class Status extends Network {
    @Override
    int run(ZkProverClient c, PrintWriter out) {
      out.println(ProtoJson.write(c.status()));
      return 0;
    }
  }

  @Command(name = "gen-proof", mixinStandardHelpOptions = true,
      description = "GenProof: queue a proof of the InputProver in FILE (proto JSON); prints the id.")
  static final class GenProof extends Network {
    @Parameters(paramLabel = "FILE", description = "InputProver as proto JSON.")
    Path input;

    @Override
    int run(ZkProverClient c, PrintWriter out) throws IOException {
      InputProver in = ProtoJson.read(input, InputProver.newBuilder(), "InputProver").build();
      var a = c.genProof(in);
      report("GenProof", a, a.response().getResult(), a.response().getResult() == ResultGenProof.RESULT_GEN_PROOF_OK, out);
      return 0;
    }
  }

  @Command(name = "get-proof", mixinStandardHelpOptions = true,
      description = {"GetProof: ask for a proof once, or with --wait until it is final.",
          "Prints the response without the bundle bytes; -o saves the whole response (proto JSON) for 'zkprover verify'.",
          "Exit 0 only for COMPLETED_OK."})
  static final class GetProof extends Network {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The id GenProof returned.")
    String id;

    @Option(names = "--wait", description = "Poll on one stream until the result is not PENDING.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds the server may wait per request (default 0, or 30 with --wait).")
    Long timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save the whole response as proto JSON.")
    Path output;

    @Override
    int run(ZkProverClient c, PrintWriter out) throws Exception {
      long t = timeout != null ? timeout : wait ? 30 : 0;
      if (t < 0) {
        throw new IllegalArgumentException("--timeout must not be negative: timeout=" + t);
      }
      GetProofResponse r = c.getProof(id, t, wait ? Duration.ofDays(1) : Duration.ZERO);
      if (output != null) {
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        Files.writeString(tmp, ProtoJson.write(r), StandardCharsets.UTF_8);
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      GetProofResponse shown = r.toBuilder().setProof(r.getProof().toBuilder()
          .setStark(r.getProof().getStark().toBuilder().clearBundle().clearGuestInput())).build();
      out.println(ProtoJson.write(shown));
      if (r.getProof().hasStark()) {
        spec.commandLine().getErr().println("bundle: " + r.getProof().getStark().getBundle().size() + " bytes"
            + (output == null ? " (not printed; -o FILE saves it)" : ", saved with the response to " + output));
      }
      if (r.getResult() != ResultGetProof.RESULT_GET_PROOF_COMPLETED_OK) {
        throw new CommandFailedException(r.getResult() + ": " + r.getResultString(), 1);
      }
      return 0;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel: stop a queued or running proof.")
  static final class Cancel extends Network {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The id GenProof returned.")
    String id;

    @Override
    int run(ZkProverClient c, PrintWriter out) {
      var a = c.cancel(id);
      report("Cancel", a, a.response().getResult(), a.response().getResult() == ResultCancel.RESULT_CANCEL_OK, out);
      return 0;
    }
  }

  @Command(name = "execute", mixinStandardHelpOptions = true,
      description = "Execute: run the state transition of FILE without proving; prints the report.")
  static final class Execute extends Network {
    @Parameters(paramLabel = "FILE", description = "InputProver as proto JSON.")
    Path input;

    @Override
    int run(ZkProverClient c, PrintWriter out) throws Exception {
      InputProver in = ProtoJson.read(input, InputProver.newBuilder(), "InputProver").build();
      ExecuteResponse r = c.execute(in, Duration.ofHours(1));
      out.println(ProtoJson.write(r));
      if (r.getResult() != ResultExecute.RESULT_EXECUTE_COMPLETED_OK) {
        throw new CommandFailedException("Execute answered " + r.getResult()
            + (r.getLogsCount() > 0 ? ": " + r.getLogs(r.getLogsCount() - 1) : ""), 1);
      }
      return 0;
    }
  }
}
