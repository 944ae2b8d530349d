package dev.zisk4j.cli.cluster;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.zisk4j.cli.BadValue;
import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.cli.engine.ProgramFiles;
import dev.zisk4j.proto.coordinator.v1.CancelJobRequest;
import dev.zisk4j.proto.coordinator.v1.CancelJobResponse;
import dev.zisk4j.proto.distributed.v1.ErrorResponse;
import dev.zisk4j.proto.distributed.v1.HealthCheckResponse;
import dev.zisk4j.proto.distributed.v1.InputMode;
import dev.zisk4j.proto.distributed.v1.JobStatus;
import dev.zisk4j.proto.distributed.v1.JobStatusRequest;
import dev.zisk4j.proto.distributed.v1.JobStatusResponse;
import dev.zisk4j.proto.distributed.v1.JobsListRequest;
import dev.zisk4j.proto.distributed.v1.JobsListResponse;
import dev.zisk4j.proto.distributed.v1.LaunchProofRequest;
import dev.zisk4j.proto.distributed.v1.LaunchProofResponse;
import dev.zisk4j.proto.distributed.v1.ProverInfo;
import dev.zisk4j.proto.distributed.v1.ProversListRequest;
import dev.zisk4j.proto.distributed.v1.ProversListResponse;
import dev.zisk4j.proto.distributed.v1.ShutdownProverRequest;
import dev.zisk4j.proto.distributed.v1.ShutdownProverResponse;
import dev.zisk4j.proto.distributed.v1.StatusInfoResponse;
import dev.zisk4j.proto.distributed.v1.SystemStatus;
import dev.zisk4j.proto.distributed.v1.SystemStatusResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The client subcommands of {@code zisk4j cluster}: one admin-API call each, a table or {@code --json}. */
final class AdminCommands {
  private AdminCommands() {}

  /** Seconds any one admin call may take before the coordinator counts as unreachable. */
  static final long CALL_SECONDS = 15;

  /** {@code --url} and {@code --json}, shared by every client subcommand. */
  static final class ClientOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:ZISK4J_COORDINATOR_URL:-http://127.0.0.1:8080}",
        description = "The coordinator (default: $ZISK4J_COORDINATOR_URL, else http://127.0.0.1:8080).")
    String url;

    @Option(names = "--json", description = "Print the coordinator's answer as proto JSON instead of a table.")
    boolean json;

    CoordinatorUrl parsed(CommandLine cmd) {
      try {
        return CoordinatorUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cmd, "--url: " + e.getMessage());
      }
    }
  }

  /** One admin call: connects, runs {@link #run}, maps failures to the cluster exit codes. */
  abstract static class AdminCall implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client = new ClientOptions();

    /** Checks the subcommand's own options before connecting (usage errors, exit 2). */
    void check(CommandLine cmd) {}

    abstract void run(CoordinatorChannel c, PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
      CoordinatorUrl url = client.parsed(spec.commandLine());
      check(spec.commandLine());
      PrintWriter out = spec.commandLine().getOut();
      try (CoordinatorChannel c = new CoordinatorChannel(url)) {
        run(c, out);
      } finally {
        out.flush();
      }
      return 0;
    }

    void printJson(PrintWriter out, Message m) {
      out.println(AdminCommands.json(m));
    }

    /** Exit 1 with the coordinator's in-band error. */
    static CommandFailedException error(String rpc, ErrorResponse e) {
      return new CommandFailedException(rpc + ": " + e.getCode() + ": " + e.getMessage(),
          CoordinatorChannel.EXIT_API_ERROR);
    }
  }

  static String json(Message m) {
    try {
      return JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence().print(m);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  static String time(Timestamp t) {
    return t.getSeconds() == 0 && t.getNanos() == 0 ? "" : Instant.ofEpochSecond(t.getSeconds()).toString();
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Health, version, uptime, workers, capacity and jobs of the coordinator.")
  static final class Status extends AdminCall {
    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      HealthCheckResponse h = c.call("HealthCheck", () -> c.admin(CALL_SECONDS).healthCheck(Empty.getDefaultInstance()));
      StatusInfoResponse i = c.call("StatusInfo", () -> c.admin(CALL_SECONDS).statusInfo(Empty.getDefaultInstance()));
      SystemStatusResponse s = c.call("SystemStatus",
          () -> c.admin(CALL_SECONDS).systemStatus(Empty.getDefaultInstance()));
      if (client.json) {
        out.println("{\"health\": " + json(h) + ",\n\"status_info\": " + json(i) + ",\n\"system_status\": "
            + json(s) + "}");
      }
      if (s.hasError()) {
        throw error("SystemStatus", s.getError());
      }
      if (client.json) {
        return;
      }
      SystemStatus st = s.getStatus();
      Table t = new Table("FIELD", "VALUE")
          .row("coordinator", c.url())
          .row("health", h.getStatus())
          .row("service", i.getServiceName() + " " + i.getVersion())
          .row("uptime", i.getUptimeSeconds() + " s")
          .row("connections", i.getMetrics().getActiveConnections())
          .row("workers", st.getTotalWorkers() + " (" + st.getIdleWorkers() + " idle, " + st.getBusyWorkers() + " busy)")
          .row("compute units", st.getComputeCapacity() + " (" + st.getFreeComputeUnits() + " free)")
          .row("jobs", st.getActiveJobs() + " active, " + st.getQueuedJobs() + " queued");
      t.print(out);
    }
  }

  @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List active jobs (--all: also finished ones).")
  static final class Jobs extends AdminCall {
    @Option(names = "--all", description = "Include completed, failed and cancelled jobs.")
    boolean all;

    @Option(names = "--limit", paramLabel = "N", description = "At most N jobs (default 0 = all).")
    int limit;

    @Override
    void check(CommandLine cmd) {
      if (limit < 0) {
        throw BadValue.of(cmd, "--limit", limit, "0 (all) or more");
      }
    }

    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      JobsListResponse r = c.call("JobsList", () -> c.admin(CALL_SECONDS).jobsList(JobsListRequest.newBuilder()
          .setActiveOnly(!all).setLimit(limit).build()));
      if (r.hasError()) {
        throw error("JobsList", r.getError());
      }
      if (client.json) {
        printJson(out, r.getJobsList());
        return;
      }
      Table t = new Table("JOB_ID", "KIND", "STATE", "PHASE", "SEGMENTS", "WORKERS", "DURATION", "BLOCK");
      for (JobStatus j : r.getJobsList().getJobsList()) {
        t.row(j.getJobId(), j.getKind(), j.getState(), j.getPhase(), j.getSegmentsProved() + "/" + j.getSegments(),
            j.getAssignedWorkersCount(), seconds(j.getDurationMs()), j.getBlockId());
      }
      t.print(out);
    }
  }

  static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  @Command(name = "job", mixinStandardHelpOptions = true, description = "One job's state, phase, progress and error.")
  static final class Job extends AdminCall {
    @Parameters(paramLabel = "JOB_ID", description = "The job's id (cluster jobs lists them).")
    String jobId;

    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      JobStatusResponse r = c.call("JobStatus", () -> c.admin(CALL_SECONDS).jobStatus(JobStatusRequest.newBuilder()
          .setJobId(jobId).build()));
      if (r.hasError()) {
        throw error("JobStatus", r.getError());
      }
      JobStatus j = r.getJob();
      if (client.json) {
        printJson(out, j);
        return;
      }
      new Table("FIELD", "VALUE")
          .row("job_id", j.getJobId())
          .row("kind", j.getKind())
          .row("state", j.getState())
          .row("phase", j.getPhase())
          .row("block_id", j.getBlockId())
          .row("segments", j.getSegmentsProved() + "/" + j.getSegments() + " proved")
          .row("workers", String.join(",", j.getAssignedWorkersList()))
          .row("failed attempts", j.getFailedAttempts())
          .row("started", j.getStartTime() == 0 ? "" : Instant.ofEpochSecond(j.getStartTime()).toString())
          .row("duration", seconds(j.getDurationMs()))
          .row("error", j.getError())
          .print(out);
    }
  }

  @Command(name = "workers", mixinStandardHelpOptions = true,
      description = "List connected workers (--available: only those with a free compute unit).")
  static final class Workers extends AdminCall {
    @Option(names = "--available", description = "Only workers with a free compute unit.")
    boolean available;

    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      ProversListResponse r = c.call("ProversList", () -> c.admin(CALL_SECONDS).proversList(ProversListRequest
          .newBuilder().setAvailableOnly(available).build()));
      if (r.hasError()) {
        throw error("ProversList", r.getError());
      }
      if (client.json) {
        printJson(out, r.getProversList());
        return;
      }
      Table t = new Table("PROVER_ID", "STATE", "UNITS", "RUNNING", "COMPLETED", "FAILED", "ADDRESS", "CONNECTED");
      for (ProverInfo p : r.getProversList().getProversList()) {
        t.row(p.getProverId(), p.getState(), p.getComputeCapacity().getComputeUnits(), p.getRunningTasks(),
            p.getTasksCompleted(), p.getTasksFailed(), p.getRemoteAddress(), time(p.getConnectedAt()));
      }
      t.print(out);
    }
  }

  @Command(name = "launch", mixinStandardHelpOptions = true,
      description = {"LaunchProof: queue a prove job of a registered program; prints the job id.",
          "Input: --input PATH (a file under the coordinator's --inputs-folder), or --input-data FILE (a local "
              + "framed input file, sent with the request), or neither (empty input)."})
  static final class Launch extends AdminCall {
    @Option(names = "--input", paramLabel = "PATH", description = "Input file on the coordinator, under its --inputs-folder.")
    String inputPath;

    @Option(names = "--input-data", paramLabel = "FILE", description = "Local framed input file sent inline.")
    Path inputData;

    @Option(names = "--block", paramLabel = "ID", description = "Block id recorded with the job.")
    String block = "";

    @Option(names = "--capacity", paramLabel = "N", description = "Most compute units the job may use (default 0 = no cap).")
    int capacity;

    @Option(names = "--min", paramLabel = "N", description = "Free compute units needed before the job starts.")
    int min;

    @Option(names = "--program", paramLabel = "HASH",
        description = "hash_id of the program (default: the coordinator's --program).")
    String program = "";

    @Override
    void check(CommandLine cmd) {
      if (inputPath != null && inputData != null) {
        throw new CommandLine.ParameterException(cmd, "--input and --input-data are exclusive: give one input");
      }
      if (capacity < 0) {
        throw BadValue.of(cmd, "--capacity", capacity, "0 (no cap) or more");
      }
      if (min < 0) {
        throw BadValue.of(cmd, "--min", min, "0 or more");
      }
    }

    @Override
    void run(CoordinatorChannel c, PrintWriter out) throws Exception {
      LaunchProofRequest.Builder b = LaunchProofRequest.newBuilder().setBlockId(block).setComputeCapacity(capacity)
          .setMinimalComputeCapacity(min).setHashId(program);
      if (inputPath != null) {
        b.setInputsMode(InputMode.INPUT_MODE_PATH).setInputPath(inputPath);
      } else {
        b.setInputsMode(InputMode.INPUT_MODE_DATA);
        if (inputData != null) {
          b.setInputData(ByteString.copyFrom(ProgramFiles.read(inputData, "--input-data")));
        }
      }
      LaunchProofResponse r = c.call("LaunchProof", () -> c.admin(CALL_SECONDS).launchProof(b.build()));
      if (client.json) {
        printJson(out, r);
      }
      if (r.hasError()) {
        throw error("LaunchProof", r.getError());
      }
      if (!client.json) {
        out.println(r.getJobId());
      }
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "CancelJob: stop a queued or running job (idempotent; says so if it had already finished).")
  static final class Cancel extends AdminCall {
    @Parameters(paramLabel = "JOB_ID", description = "The job to cancel.")
    String jobId;

    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      CancelJobResponse r = c.call("CancelJob", () -> c.client(CALL_SECONDS).cancelJob(CancelJobRequest.newBuilder()
          .setJobId(jobId).build()));
      if (client.json) {
        printJson(out, r);
      } else {
        out.println(r.getCancelled() ? "cancelled " + r.getJobId()
            : r.getJobId() + " had already finished: nothing to cancel");
      }
    }
  }

  @Command(name = "drain", mixinStandardHelpOptions = true,
      description = "ShutdownProver: the worker takes no new tasks, finishes its running ones, then exits 0.")
  static final class Drain extends AdminCall {
    @Parameters(paramLabel = "WORKER", description = "The worker's prover id (cluster workers lists them).")
    String worker;

    @Option(names = "--grace", paramLabel = "S", description = "Seconds its running tasks may take (default 30).")
    int grace = 30;

    @Override
    void check(CommandLine cmd) {
      if (grace < 1) {
        throw BadValue.of(cmd, "--grace", grace, "1 or more seconds");
      }
    }

    @Override
    void run(CoordinatorChannel c, PrintWriter out) {
      ShutdownProverResponse r = c.call("ShutdownProver", () -> c.admin(CALL_SECONDS).shutdownProver(
          ShutdownProverRequest.newBuilder().setProverId(worker).setGracePeriodSeconds(grace).build()));
      if (client.json) {
        printJson(out, r);
      }
      if (r.hasError()) {
        throw error("ShutdownProver", r.getError());
      }
      if (!client.json) {
        out.println("draining " + worker + " (grace " + grace + " s)");
      }
    }
  }
}
