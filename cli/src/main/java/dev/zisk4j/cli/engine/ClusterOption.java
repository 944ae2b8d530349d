package dev.zisk4j.cli.engine;

import dev.zisk4j.cli.cluster.CoordinatorJobs;
import dev.zisk4j.cli.cluster.CoordinatorUrl;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --cluster URL} of prove, execute and verify: run the command on a zisk4j coordinator
 * through the coordinator's client API ({@link CoordinatorJobs}) instead of in this process, with the same output and the same
 * proof format. The proving options are the coordinator's, so the options that would choose them
 * here are refused with {@code --cluster} rather than silently ignored.
 */
final class ClusterOption {
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

  /** The coordinator's job client, or a usage error for a malformed URL. */
  CoordinatorJobs client(CommandLine cmd) {
    CoordinatorUrl u;
    try {
      u = CoordinatorUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "--cluster: " + e.getMessage());
    }
    return new CoordinatorJobs(u, CALL_TIMEOUT.toSeconds());
  }
}
