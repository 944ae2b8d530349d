package dev.zisk4j.cli.config;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link ServerConfiguration#apply} decided: for each setting (by key, the long flag name
 * without dashes), where its value came from. The values themselves are in the command's fields.
 *
 * @param server the server's name, e.g. {@code datastream-server}
 * @param sources key to source, in the command's option order
 */
public record ResolvedSettings(String server, Map<String, SettingSource> sources) {
  public ResolvedSettings {
    sources = Map.copyOf(sources);
  }

  /** Where {@code key} came from; {@link SettingSource.Kind#DEFAULT} for unknown keys. */
  public SettingSource source(String key) {
    return sources.getOrDefault(key, SettingSource.byDefault());
  }

  /** One line for the startup log: every setting not left at its default, with its source. */
  public String summary() {
    String set = sources.entrySet().stream()
        .filter(e -> e.getValue().kind() != SettingSource.Kind.DEFAULT)
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " (" + e.getValue().kind().name().toLowerCase() + ")")
        .collect(Collectors.joining(", "));
    return server + " settings: " + (set.isEmpty() ? "all defaults" : set);
  }
}
