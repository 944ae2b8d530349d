package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.CommandFailedException;
import dev.zisk4j.cli.cluster.CoordinatorUrl;
import dev.zisk4j.sdk.ProverClient;
import dev.zisk4j.sdk.RemoteJobException;
import dev.zisk4j.sdk.RemoteProverClient;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --cluster URL} of prove, execute and verify: run the command on a zisk4j coordinator
 * through {@code ProverClient.remote} instead of in this process, with the same output and the same
 * proof format. The proving options are the coordinator's, so the options that would choose them
 * here are refused with {@code --cluster} rather than silently ignored.
 */
final class ClusterOption {
  /** Exit code when the coordinator cannot be reached (as the {@code cluster} commands). */
  static final int EXIT_UNREACHABLE = 3;
  /** How long upload, submit and cancel may wait for the coordinator before it counts as unreachable. */
  static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(5);

  @Option(names = "--cluster", paramLabel = "URL",
      description = "Run on a zisk4j coordinator (http://HOST:PORT, e.g. from 'zisk4j cluster local') instead of in "
          + "this process; same output, same proof format. Exit 3 if it cannot be reached.")
  String url;

  boolean on() {
    return url != null;
  }

  /**
   * Refuses {@code --cluster} with any of {@code localOnly} given on the command line.
   *
   * @throws ParameterException naming the first such option (usage error, exit 2)
   */
  void refuseWith(CommandLine cmd, List<String> localOnly, String why) {
    if (url == null) {
      return;
    }
    CommandLine.ParseResult parsed = cmd.getParseResult();
    for (String option : localOnly) {
      if (parsed != null && parsed.hasMatchedOption(option)) {
        throw new ParameterException(cmd, option + " cannot be used with --cluster: " + why);
      }
    }
  }

  /** The coordinator's client, or a usage error for a malformed URL. */
  RemoteProverClient client(CommandLine cmd) {
    CoordinatorUrl u;
    try {
      u = CoordinatorUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "--cluster: " + e.getMessage());
    }
    return ProverClient.remote(u.toString()).callTimeout(CALL_TIMEOUT).verifierThreads(1).build();
  }

  /**
   * Waits for a remote job; its failures become one-line, exit-coded errors: unreachable 3, refused
   * or failed 1.
   */
  <T> T await(Future<T> job) throws InterruptedException {
    try {
      return job.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RemoteJobException r) {
        if (r.reason() == RemoteJobException.Reason.UNREACHABLE) {
          throw new CommandFailedException("coordinator " + url + " unreachable (no answer within "
              + CALL_TIMEOUT.toSeconds() + " s" + r.jobId().map(j -> "; job " + j + " may still run there").orElse("")
              + ")", EXIT_UNREACHABLE);
        }
        throw new CommandFailedException(oneLine(r.getMessage()), 1);
      }
      if (c instanceof java.util.concurrent.TimeoutException) {
        throw new CommandFailedException("job on " + url + " timed out: " + c.getMessage(), 1);
      }
      throw new CommandFailedException("job on " + url + " failed: " + oneLine(String.valueOf(c)), 1);
    }
  }

  /** The first line of a message, at most 400 characters: the CLI's errors are one line. */
  private static String oneLine(String m) {
    String first = m == null ? "" : m.lines().findFirst().orElse("");
    return first.length() <= 400 ? first : first.substring(0, 400) + "...";
  }
}
