package dev.zisk4j.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zisk4j.cli.cluster.CoordinatorUrl;
import dev.zisk4j.cli.deploy.DeployFiles.Instruction;
import dev.zisk4j.cli.deploy.DeployFiles.Launcher;
import dev.zisk4j.cli.deploy.HelmSubset.RenderException;
import dev.zisk4j.cluster.auth.AccessRules;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files under deploy/ (Dockerfile, compose, systemd units, Helm chart), validated offline: every
 * command line they hold is parsed by the real picocli command, every ZISK4J_* variable and TOML key
 * is applied by the servers' own configuration code, and the ports, paths and names that tie the
 * pieces together agree (container port = --port, Service → named port, worker URL → Service, mounted
 * file → the ConfigMap/Secret key). No docker, helm or systemd is needed; deploy/README.md says so.
 */
class DeployFilesTest {
  static final Path ROOT = DeployFiles.repoRoot();
  static final Path DEPLOY = ROOT.resolve("deploy");
  /** ZisK's Docker deployment serves the worker API on 50051 (specs/zisk.md §3.1, cluster.md §5). */
  static final int ZISK_PORT = 50051;
  /** Pending flags met in the files, reported once at the end. */
  static final Set<String> PENDING_SEEN = new TreeSet<>();

  @TempDir Path tmp;

  @AfterAll
  static void reportPending() {
    if (!PENDING_SEEN.isEmpty()) {
      System.out.println("[DeployFilesTest] deploy/ uses flags not on the CLI yet (CliFlags.PENDING, checked once "
          + "they land): " + String.join(", ", PENDING_SEEN));
    }
  }

  static CliFlags.Checked check(String where, List<String> argv, Map<String, String> env, Path config) {
    CliFlags.Checked c = CliFlags.check(where, argv, env, config);
    c.pendingUsed().forEach(p -> PENDING_SEEN.add(c.command() + " " + p));
    return c;
  }

  /**
   * The worker's --coordinator as the worker itself parses it. https:// is refused by a CLI without
   * TLS on the worker; while the worker's --ca is pending that refusal is reported as pending too.
   */
  static URI workerUrl(CliFlags.Checked w) {
    String url = w.value("--coordinator").toString();
    try {
      CoordinatorUrl.parse(url);
    } catch (IllegalArgumentException e) {
      if (url.startsWith("https://") && !CliFlags.exists("worker", "--ca")) {
        PENDING_SEEN.add("worker https:// --coordinator URLs (with --ca)");
      } else {
        throw new AssertionError(w.where() + ": " + e.getMessage(), e);
      }
    }
    return URI.create(url);
  }

  /** The CLI's own default of an option (fresh command, nothing parsed). */
  static int cliDefault(String command, String option) {
    return CliFlags.check("default", List.of(command), Map.of(), null).intValue(option);
  }

  // ---- Dockerfile -------------------------------------------------------------------------------

  @Test
  void theDockerfileBuildsTheLaunchersJarOnJdk25AndRunsItAsTheLauncherDoesAsNonRoot() throws Exception {
    List<Instruction> ins = DeployFiles.dockerfile(DEPLOY.resolve("docker/Dockerfile"));
    Launcher launcher = DeployFiles.launcher(ROOT.resolve("bin/zisk4j"));
    List<Instruction> from = ins.stream().filter(i -> i.keyword().equals("FROM")).toList();
    assertThat(from).as("multi-stage: a build stage and a runtime stage").hasSize(2);
    assertThat(from.get(0).args()).matches("eclipse-temurin:25-jdk AS build");
    assertThat(from.get(1).args()).isEqualTo("eclipse-temurin:25-jre");

    // the build runs the launcher's own build command and takes the jar the launcher runs
    String build = ins.stream().filter(i -> i.stage() == 0 && i.keyword().equals("RUN")).map(Instruction::args)
        .collect(Collectors.joining("\n"));
    assertThat(build).contains("./mvnw -B -ntp -DskipTests -Dmaven.javadoc.skip=true package -pl cli -am")
        .contains("cp " + launcher.jarPath() + " /" + launcher.jarName());
    assertThat(Files.readString(ROOT.resolve("bin/zisk4j"))).contains("-DskipTests -Dmaven.javadoc.skip=true package -pl cli -am");

    List<Instruction> runtime = ins.stream().filter(i -> i.stage() == 1).toList();
    String jarInImage = "/opt/zisk4j/" + launcher.jarName();
    assertThat(runtime).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("COPY");
      assertThat(i.args()).isEqualTo("--from=build /" + launcher.jarName() + " " + jarInImage);
    });
    List<Object> entrypoint = jsonArray(last(runtime, "ENTRYPOINT").args());
    List<Object> expected = new ArrayList<>(List.of("java"));
    expected.addAll(launcher.jvmFlags());
    expected.addAll(List.of("-jar", jarInImage));
    assertThat(entrypoint).as("ENTRYPOINT = the launcher's java command on the image's jar").isEqualTo(expected);
    assertThat(launcher.jvmFlags()).contains("--enable-native-access=ALL-UNNAMED");

    String user = last(runtime, "USER").args();
    assertThat(user.split(":")[0]).isNotIn("0", "root").matches("[0-9]+");
    assertThat(runtime.stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::args))
        .anySatisfy(r -> assertThat(r).contains("useradd --system --uid " + user.split(":")[0]));

    // the image's environment is real coordinator configuration, and EXPOSE is what it listens on
    Map<String, String> env = DeployFiles.dockerEnv(ins);
    CliFlags.Checked coordinator = check("Dockerfile ENV", List.of("coordinator"), env, null);
    assertThat(coordinator.intValue("--port")).isEqualTo(ZISK_PORT);
    assertThat(coordinator.value("--host")).isEqualTo("0.0.0.0");
    Set<Integer> exposed = new TreeSet<>();
    for (String p : last(runtime, "EXPOSE").args().split("\\s+")) {
      exposed.add(Integer.parseInt(p.replace("/tcp", "")));
    }
    assertThat(exposed).containsExactlyInAnyOrder(coordinator.intValue("--port"), coordinator.intValue("--metrics-port"));
    assertThat(coordinator.intValue("--metrics-port")).isEqualTo(9090);
    assertThat(Files.readString(DEPLOY.resolve("docker/Dockerfile.dockerignore"))).contains("**/target", ".git");
  }

  // ---- compose ----------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsACoordinatorOnPostgresAndScalableWorkersWithRealFlagsAndMatchingPorts() throws Exception {
    Map<String, Object> compose = HelmSubset.loadMap(DEPLOY.resolve("compose/compose.yaml"));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    assertThat(services).containsOnlyKeys("coordinator", "postgres", "worker");
    Map<String, String> image = DeployFiles.dockerEnv(DeployFiles.dockerfile(DEPLOY.resolve("docker/Dockerfile")));

    Map<String, Object> coord = (Map<String, Object>) services.get("coordinator");
    Map<String, Object> build = (Map<String, Object>) coord.get("build");
    Path context = DEPLOY.resolve("compose").resolve((String) build.get("context")).normalize();
    assertThat(context).isEqualTo(ROOT);
    assertThat(context.resolve((String) build.get("dockerfile"))).isEqualTo(DEPLOY.resolve("docker/Dockerfile"));
    Map<String, String> coordEnv = new LinkedHashMap<>(image);
    coordEnv.putAll(strings((Map<String, Object>) coord.get("environment")));
    CliFlags.Checked c = check("compose.yaml coordinator", strings((List<Object>) coord.get("command")), coordEnv, null);
    assertThat(c.intValue("--port")).isEqualTo(ZISK_PORT);
    assertThat(c.value("--host")).isEqualTo("0.0.0.0");
    assertThat(containerPorts((List<Object>) coord.get("ports")))
        .containsExactlyInAnyOrder(c.intValue("--port"), c.intValue("--metrics-port"));
    assertThat(c.intValue("--metrics-port")).isEqualTo(cliDefault("coordinator", "--metrics-port")).isEqualTo(9090);
    assertThat(strings((List<Object>) coord.get("ports"))).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    assertThat(Path.of(c.value("--program").toString())).satisfies(p ->
        assertThat(ROOT.resolve("examples/guests").resolve(p.getFileName())).isRegularFile());

    // the store URL points at the postgres service with its database and user
    Map<String, Object> pg = (Map<String, Object>) services.get("postgres");
    Map<String, String> pgEnv = strings((Map<String, Object>) pg.get("environment"));
    URI db = URI.create(coordEnv.get("ZISK4J_COORDINATOR_DB").substring("jdbc:".length()));
    assertThat(db.getScheme()).isEqualTo("postgresql");
    assertThat(db.getHost()).isEqualTo("postgres");
    assertThat(db.getPort()).isEqualTo(5432);
    assertThat(db.getPath()).isEqualTo("/" + pgEnv.get("POSTGRES_DB"));
    assertThat(db.getQuery()).contains("user=" + pgEnv.get("POSTGRES_USER"), "password=" + pgEnv.get("POSTGRES_PASSWORD"));
    assertThat((Map<String, Object>) coord.get("depends_on")).containsKey("postgres");

    Map<String, Object> worker = (Map<String, Object>) services.get("worker");
    assertThat(worker.get("image")).isEqualTo(coord.get("image"));
    Map<String, String> workerEnv = new LinkedHashMap<>(image);
    workerEnv.putAll(strings((Map<String, Object>) worker.get("environment")));
    CliFlags.Checked w = check("compose.yaml worker", strings((List<Object>) worker.get("command")), workerEnv, null);
    URI url = workerUrl(w);
    assertThat(url.getScheme()).isEqualTo("http");
    assertThat(url.getHost()).isEqualTo("coordinator");
    assertThat(url.getPort()).isEqualTo(c.intValue("--port"));
    assertThat(((Map<String, Object>) worker.get("deploy")).get("replicas")).isInstanceOf(Integer.class)
        .satisfies(r -> assertThat((Integer) r).isGreaterThanOrEqualTo(1));
    // the worker's SIGTERM grace fits in the stop grace period
    assertThat(seconds(worker.get("stop_grace_period").toString())).isGreaterThan(w.intValue("--grace-seconds"));
  }

  // ---- systemd ----------------------------------------------------------------------------------

  @Test
  void systemdUnitsRunTheJarAsTheLauncherDoesWithRealFlagsAndAStateDirectory() throws Exception {
    Launcher launcher = DeployFiles.launcher(ROOT.resolve("bin/zisk4j"));
    Path dir = DEPLOY.resolve("systemd");
    CliFlags.Checked c = unit(dir.resolve("zisk4j-coordinator.service"), "coordinator", launcher, "1");
    assertThat(c.intValue("--port")).isEqualTo(ZISK_PORT);
    assertThat(c.intValue("--metrics-port")).isEqualTo(9090);
    assertThat(c.value("--access-file")).isNotNull();
    assertThat(c.value("--tls-cert")).isNotNull();
    CliFlags.Checked w = unit(dir.resolve("zisk4j-worker@.service"), "worker", launcher, "3");
    assertThat(w.value("--id")).isEqualTo("host-3");
    URI url = workerUrl(w);
    assertThat(url.getScheme()).as("a multi-machine worker talks TLS").isEqualTo("https");
    assertThat(url.getPort()).isEqualTo(c.intValue("--port"));
  }

  private CliFlags.Checked unit(Path file, String command, Launcher launcher, String instance) throws Exception {
    Map<String, Map<String, List<String>>> u = DeployFiles.unit(file);
    assertThat(u).containsKeys("Unit", "Service", "Install");
    Map<String, List<String>> svc = u.get("Service");
    assertThat(svc.get("User")).containsExactly("zisk4j");
    assertThat(svc.get("ExecStart")).hasSize(1);
    List<String> words = DeployFiles.execWords(svc.get("ExecStart").get(0), instance, "host");
    List<String> jvm = new ArrayList<>(List.of("/usr/bin/java"));
    jvm.addAll(launcher.jvmFlags());
    jvm.addAll(List.of("-jar", "/opt/zisk4j/" + launcher.jarName()));
    assertThat(words.subList(0, jvm.size())).as(file + ": ExecStart = the launcher's java command").isEqualTo(jvm);
    String envFile = Path.of(svc.get("EnvironmentFile").get(0)).getFileName().toString();
    String base = envFile.substring(0, envFile.length() - ".env".length());
    List<Path> examples;
    try (var files = Files.list(file.getParent())) {
      examples = files.filter(f -> f.getFileName().toString().matches(base + "(-[a-z]+)?\\.env\\.example")).sorted()
          .toList();
    }
    assertThat(examples).as("the EnvironmentFile's example(s) beside the unit").contains(
        file.resolveSibling(envFile + ".example"));
    List<String> states = new ArrayList<>();
    for (String d : svc.get("StateDirectory").get(0).split("\\s+")) {
      states.add("/var/lib/" + d.replace("%i", instance));
    }
    assertThat(svc.get("WorkingDirectory").get(0).replace("%i", instance)).isEqualTo(states.get(0));
    CliFlags.Checked checked = null;
    for (Path example : examples) {
      Map<String, String> env = DeployFiles.envFile(example);
      checked = check(example.getFileName() + " + " + file.getFileName(), words.subList(jvm.size(), words.size()),
          env, null);
      // directories the service writes are its StateDirectory (the rest of the file system is read-only)
      for (String dir : List.of("--data-dir", "--inputs-folder")) {
        String v = words.contains(dir) ? words.get(words.indexOf(dir) + 1)
            : env.get("ZISK4J_" + command.toUpperCase() + "_" + dir.substring(2).toUpperCase().replace('-', '_'));
        if (v != null) {
          assertThat(states).as(example + ": " + dir + " is one of the unit's StateDirectory").contains(v);
        }
      }
    }
    assertThat(svc.get("RestartPreventExitStatus")).as("exit 2 = bad configuration").containsExactly("2");
    return checked;
  }

  // ---- Helm -------------------------------------------------------------------------------------

  @Test
  void theHelmChartRendersKubernetesObjectsWithDefaultValues() throws Exception {
    Map<String, Map<String, Object>> objs = helm("zk", Map.of());
    assertThat(objs.keySet()).containsExactlyInAnyOrder("ConfigMap/zk-coordinator", "Service/zk-coordinator",
        "Deployment/zk-coordinator", "Deployment/zk-worker");
    assertThat(spec(objs.get("Deployment/zk-worker")).get("replicas")).isEqualTo(2);
    assertThat(spec(objs.get("Deployment/zk-coordinator")).get("replicas")).isEqualTo(1);
  }

  @Test
  void theHelmChartScalesWorkersAndServesTheCoordinatorOnZisksPort() throws Exception {
    Map<String, Map<String, Object>> objs = helm("prod", Map.of("worker.replicas", 5));
    assertThat(spec(objs.get("Deployment/prod-worker")).get("replicas")).isEqualTo(5);
    assertThat(servicePort(objs.get("Service/prod-coordinator"), "grpc")).isEqualTo(ZISK_PORT);
    assertThat(servicePort(objs.get("Service/prod-coordinator"), "metrics")).isEqualTo(9090);
  }

  @Test
  void theHelmChartWithTlsTokensPostgresAndAStandbyUsesTheSecurityFlags() throws Exception {
    String access = "[[token]]\nname = \"workers\"\nrole = \"worker\"\nsha256 = \"" + AccessRules.hashOf("w-token")
        + "\"\n";
    Map<String, Map<String, Object>> objs = helm("sec", Map.of("auth.enabled", true, "auth.accessFile", access,
        "auth.workerToken", "w-token", "tls.enabled", true, "postgres.enabled", true, "coordinator.standby", true,
        "coordinator.replicas", 2, "coordinator.dataClaim", "zk-data", "coordinator.inputsClaim", "zk-inputs"));
    assertThat(objs).containsKey("Secret/sec-auth");
    Map<String, Object> coordinator = container(objs.get("Deployment/sec-coordinator"));
    assertThat(strings(list(coordinator, "args"))).contains("--access-file", "--tls-cert", "--tls-key", "--standby");
    assertThat(strings(list(container(objs.get("Deployment/sec-worker")), "args"))).contains("--token-file", "--ca");
    assertThat(env(coordinator)).containsKey("ZISK4J_COORDINATOR_DB");
    assertThat(strings(list(coordinator, "args"))).as("one job store").doesNotContain("--data-dir");
    assertThat(podSpec(objs.get("Deployment/sec-coordinator")).get("volumes").toString())
        .contains("persistentVolumeClaim={claimName=zk-data}", "persistentVolumeClaim={claimName=zk-inputs, readOnly=true}");
  }

  /**
   * Renders the chart with {@code set}, parses every document and checks the whole of it: objects,
   * command lines, ports, mounted files. Returns the objects by "Kind/name".
   */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> helm(String release, Map<String, Object> set) throws Exception {
    Path chart = DEPLOY.resolve("helm/zisk4j");
    Map<String, Object> chartYaml = HelmSubset.loadMap(chart.resolve("Chart.yaml"));
    assertThat(chartYaml).containsEntry("apiVersion", "v2").containsEntry("name", "zisk4j").containsKeys("version");
    Map<String, Map<String, Object>> objs = new LinkedHashMap<>();
    // kept for reading, as `helm template` would print it: cli/target/deploy-render/RELEASE/
    Path out = Files.createDirectories(Path.of("target", "deploy-render", release));
    for (Map.Entry<String, String> t : HelmSubset.renderChart(chart, release, "default", set).entrySet()) {
      Files.writeString(out.resolve(t.getKey()), t.getValue(), StandardCharsets.UTF_8);
      for (Object doc : HelmSubset.yaml().loadAll(t.getValue())) {
        if (doc == null) {
          continue;
        }
        assertThat(doc).as(t.getKey() + " renders to YAML maps").isInstanceOf(Map.class);
        Map<String, Object> o = (Map<String, Object>) doc;
        assertThat(o.get("apiVersion")).as(t.getKey() + ": apiVersion").isIn("v1", "apps/v1");
        assertThat(o.get("kind")).as(t.getKey() + ": kind").isIn("ConfigMap", "Secret", "Service", "Deployment");
        Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
        assertThat(meta.get("name").toString()).as(t.getKey() + ": metadata.name").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
            .startsWith(release + "-");
        assertThat(objs.put(o.get("kind") + "/" + meta.get("name"), o)).as("duplicate object").isNull();
      }
    }
    Map<String, String> image = DeployFiles.dockerEnv(DeployFiles.dockerfile(DEPLOY.resolve("docker/Dockerfile")));

    // the coordinator: args, config file, ports, Service
    Map<String, Object> cdep = objs.get("Deployment/" + release + "-coordinator");
    assertThat(((Map<String, Object>) spec(cdep).get("strategy")).get("type")).isEqualTo("Recreate");
    Map<String, Object> cc = container(cdep);
    List<String> cargs = strings(list(cc, "args"));
    Path config = mountedFile(objs, cdep, cc, cargs.get(cargs.indexOf("--config") + 1));
    Map<String, String> cenv = new LinkedHashMap<>(image);
    cenv.putAll(env(cc));
    CliFlags.Checked c = check("helm " + release + " coordinator", cargs, cenv, config);
    Map<String, Integer> cports = new HashMap<>();
    for (Object p : list(cc, "ports")) {
      Map<String, Object> pm = (Map<String, Object>) p;
      cports.put((String) pm.get("name"), (Integer) pm.get("containerPort"));
    }
    assertThat(cports).containsEntry("grpc", c.intValue("--port")).containsEntry("metrics", c.intValue("--metrics-port"));
    Map<String, Object> svc = objs.get("Service/" + release + "-coordinator");
    for (Object p : (List<Object>) spec(svc).get("ports")) {
      Map<String, Object> pm = (Map<String, Object>) p;
      assertThat(cports).as("Service targetPort names a container port").containsKey((String) pm.get("targetPort"));
      assertThat(pm.get("port")).isEqualTo(cports.get((String) pm.get("targetPort")));
    }
    Map<String, Object> selector = (Map<String, Object>) spec(svc).get("selector");
    Map<String, Object> podLabels = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        spec(cdep).get("template")).get("metadata")).get("labels");
    assertThat(podLabels).containsAllEntriesOf(selector);
    Map<String, Object> probe = (Map<String, Object>) ((Map<String, Object>) cc.get("readinessProbe")).get("httpGet");
    assertThat(probe).containsEntry("path", "/health").containsEntry("port", "metrics");
    for (String d : List.of("--data-dir", "--inputs-folder")) {
      if (cargs.contains(d)) {
        String dir = cargs.get(cargs.indexOf(d) + 1);
        assertThat(list(cc, "volumeMounts")).as(d + " " + dir + " is a mounted volume (it must exist at start)")
            .anySatisfy(m -> assertThat(((Map<String, Object>) m).get("mountPath")).isEqualTo(dir));
      }
    }
    for (String f : List.of("--access-file", "--tls-cert", "--tls-key")) {
      if (cargs.contains(f)) {
        mountedFile(objs, cdep, cc, cargs.get(cargs.indexOf(f) + 1));
      }
    }
    if (cargs.contains("--access-file")) {
      Path access = mountedFile(objs, cdep, cc, cargs.get(cargs.indexOf("--access-file") + 1));
      assertThat(AccessRules.load(access).tokens()).isNotEmpty();
    }

    // the worker: args, URL → the Service, mounted files
    Map<String, Object> wdep = objs.get("Deployment/" + release + "-worker");
    Map<String, Object> wc = container(wdep);
    List<String> wargs = strings(list(wc, "args"));
    Map<String, String> wenv = new LinkedHashMap<>(image);
    wenv.putAll(env(wc));
    CliFlags.Checked w = check("helm " + release + " worker", wargs, wenv, null);
    URI url = workerUrl(w);
    assertThat(url.getHost()).isEqualTo(((Map<String, Object>) svc.get("metadata")).get("name"));
    assertThat(url.getPort()).isEqualTo(servicePort(svc, "grpc"));
    assertThat(url.getScheme()).isEqualTo(cargs.contains("--tls-cert") ? "https" : "http");
    for (String f : List.of("--token-file", "--ca")) {
      if (wargs.contains(f)) {
        mountedFile(objs, wdep, wc, wargs.get(wargs.indexOf(f) + 1));
      }
    }
    int grace = (Integer) podSpec(wdep).get("terminationGracePeriodSeconds");
    assertThat(grace).isGreaterThan(w.intValue("--grace-seconds"));
    return objs;
  }

  /**
   * The file at {@code path} inside the container: a volumeMount must hold it, its volume must be a
   * ConfigMap or Secret, and the key must be in the rendered object (chart-owned) or in the volume's
   * items / the kubernetes.io/tls key names (an external Secret). Returns a local copy when the
   * content is known (chart-owned), else null.
   */
  @SuppressWarnings("unchecked")
  private Path mountedFile(Map<String, Map<String, Object>> objs, Map<String, Object> deployment,
      Map<String, Object> container, String path) throws Exception {
    Path p = Path.of(path);
    String key = p.getFileName().toString();
    Map<String, Object> mount = list(container, "volumeMounts").stream().map(m -> (Map<String, Object>) m)
        .filter(m -> Path.of((String) m.get("mountPath")).equals(p.getParent())).findFirst()
        .orElseThrow(() -> new AssertionError(path + ": no volumeMount at " + p.getParent()));
    Map<String, Object> volume = ((List<Object>) podSpec(deployment).get("volumes")).stream()
        .map(v -> (Map<String, Object>) v).filter(v -> v.get("name").equals(mount.get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError(path + ": no volume " + mount.get("name")));
    String kind;
    String name;
    Map<String, Object> src;
    if (volume.containsKey("configMap")) {
      kind = "ConfigMap";
      src = (Map<String, Object>) volume.get("configMap");
      name = (String) src.get("name");
    } else if (volume.containsKey("secret")) {
      kind = "Secret";
      src = (Map<String, Object>) volume.get("secret");
      name = (String) src.get("secretName");
    } else {
      throw new AssertionError(path + ": volume " + volume.get("name") + " is neither a ConfigMap nor a Secret");
    }
    if (src.containsKey("items")) {
      assertThat(((List<Object>) src.get("items")).stream().map(i -> ((Map<String, Object>) i).get("path")))
          .as(path + " among the volume's items").contains(key);
    }
    Map<String, Object> owned = objs.get(kind + "/" + name);
    if (owned == null) {
      assertThat(kind).as(path + ": " + name + " is not rendered by the chart, so must be an external Secret")
          .isEqualTo("Secret");
      assertThat(key).isIn("tls.crt", "tls.key", "ca.crt");
      return null;
    }
    Map<String, Object> data = (Map<String, Object>) owned.getOrDefault("data", owned.get("stringData"));
    assertThat(data).as(path + ": key in " + kind + "/" + name).containsKey(key);
    Path local = tmp.resolve(kind + "-" + name + "-" + key);
    Files.writeString(local, data.get(key).toString(), StandardCharsets.UTF_8);
    return local;
  }

  // ---- the checkers themselves fail: hostile cases ----------------------------------------------

  @Test
  void aTemplateReferringToAMissingValueFailsNamingTemplateLineAndKey() throws Exception {
    Map<String, Object> ctx = Map.of("Values", Map.of("worker", Map.of("replicas", 2)), "Release", Map.of("Name", "r"),
        "Chart", Map.of());
    assertThatThrownBy(() -> HelmSubset.render("templates/w.yaml", "kind: Deployment\nspec:\n  replicas: "
        + "{{ .Values.worker.replica }}\n", ctx))
        .isInstanceOf(RenderException.class)
        .hasMessage("templates/w.yaml:3: .Values.worker.replica is not defined: Values.worker has no key 'replica' "
            + "(it has: replicas)");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ .Values.nope.deeper }}", ctx))
        .hasMessageContaining("t:1: .Values.nope.deeper is not defined: Values has no key 'nope'");
    // and the real chart with a value missing, or of the wrong shape
    assertThatThrownBy(() -> HelmSubset.renderChart(DEPLOY.resolve("helm/zisk4j"), "r", "default",
        Map.of("worker", Map.of())))
        .isInstanceOf(RenderException.class)
        .hasMessageMatching("templates/worker-deployment\\.yaml:[0-9]+: \\.Values\\.worker\\.\\w+ is not defined: "
            + "Values\\.worker has no key '\\w+' \\(it has: \\)");
    assertThatThrownBy(() -> HelmSubset.renderChart(DEPLOY.resolve("helm/zisk4j"), "r", "default",
        Map.of("image.tag", Map.of()))).hasMessageContaining("prints a map or list");
  }

  @Test
  void templatesOutsideTheSubsetAreRefusedAndTheSubsetRendersAsHelmDoes() {
    Map<String, Object> ctx = Map.of("Values", Map.of("on", true, "off", false, "n", 3, "s", "a\"b", "m",
        Map.of("k", 1), "e", Map.of(), "txt", "x = 1\ny = 2\n"), "Release", Map.of("Name", "r"), "Chart", Map.of());
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ range .Values.m }}x{{ end }}", ctx))
        .hasMessageContaining("'range' is outside the template subset");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ include \"x\" . }}", ctx)).hasMessageContaining("'include'");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ .Values.n | upper }}", ctx)).hasMessageContaining("function 'upper'");
    assertThatThrownBy(() -> HelmSubset.render("t", "a\n{{ if .Values.on }}x", ctx)).hasMessageContaining("without {{ end }}");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ end }}", ctx)).hasMessageContaining("t:1: {{ end }} without");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ .Values.m }}", ctx)).hasMessageContaining("use | toYaml");
    assertThatThrownBy(() -> HelmSubset.render("t", "{{ $x := 1 }}", ctx)).hasMessageContaining("outside the template subset");

    assertThat(HelmSubset.render("t", "a:\n  {{- if .Values.on }}\n  b: {{ .Values.n }}\n  {{- end }}\n", ctx))
        .isEqualTo("a:\n  b: 3\n");
    assertThat(HelmSubset.render("t", "{{ if .Values.off }}https{{ else }}http{{ end }}://h", ctx)).isEqualTo("http://h");
    assertThat(HelmSubset.render("t", "{{ if .Values.e }}y{{ else }}n{{ end }}", ctx)).as("empty map is false").isEqualTo("n");
    assertThat(HelmSubset.render("t", "{{ if not .Values.off }}y{{ end }}{{ if not .Values.n }}z{{ end }}", ctx))
        .isEqualTo("y");
    assertThat(HelmSubset.render("t", "v: {{ .Values.s | quote }} {{ .Values.n | quote }}", ctx)).isEqualTo("v: \"a\\\"b\" \"3\"");
    assertThat(HelmSubset.render("t", "c: |\n  {{- .Values.txt | nindent 2 }}", ctx)).isEqualTo("c: |\n  x = 1\n  y = 2\n  ");
    assertThat(HelmSubset.render("t", "r:\n  {{- .Values.e | toYaml | nindent 2 }}\nk:\n{{ .Values.m | toYaml | indent 2 }}", ctx))
        .isEqualTo("r:\n  {}\nk:\n  k: 1");
    assertThat(HelmSubset.render("t", "{{- /* a comment */ -}}\nx", ctx)).isEqualTo("x");
  }

  @Test
  void theFlagCheckerRefusesUnknownFlagsBadValuesAndUnknownVariables() throws Exception {
    assertThatThrownBy(() -> CliFlags.check("f", List.of("coordinator", "--prot", "50051"), Map.of(), null))
        .hasMessageContaining("f: zisk4j coordinator has no option --prot").hasMessageContaining("--port");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("coordinator", "--port", "fifty"), Map.of(), null))
        .hasMessageContaining("f: zisk4j coordinator --port fifty");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("worker", "--capacity"), Map.of(), null))
        .hasMessageContaining("--capacity");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("coordinator"), Map.of("ZISK4J_COORDINATOR_PROT", "1"), null))
        .hasMessageContaining("environment variable ZISK4J_COORDINATOR_PROT: unknown setting 'prot'");
    Path toml = Files.writeString(tmp.resolve("c.toml"), "log-rowz = 16\n");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("coordinator"), Map.of(), toml))
        .hasMessageContaining("unknown key 'log-rowz'");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("coordinator", "--data-dir", "/d"),
        Map.of("ZISK4J_COORDINATOR_DB", "jdbc:postgresql://h/db"), null))
        .hasMessageContaining("f: the coordinator refuses --data-dir together with --db");
    assertThatThrownBy(() -> CliFlags.check("f", List.of("prove"), Map.of(), null))
        .hasMessageContaining("not a zisk4j server command");
    // a real flag, a real variable and a real key pass, and their values come through
    Path good = Files.writeString(tmp.resolve("g.toml"), "log-rows = 18\n");
    CliFlags.Checked ok = CliFlags.check("f", List.of("coordinator", "--port", "7"),
        Map.of("ZISK4J_COORDINATOR_METRICS_PORT", "8", "ZISK4J_WORKER_CAPACITY", "9"), good);
    assertThat(ok.intValue("--port")).isEqualTo(7);
    assertThat(ok.intValue("--metrics-port")).isEqualTo(8);
    assertThat(ok.intValue("--log-rows")).isEqualTo(18);
  }

  @Test
  void everyPendingFlagIsUsedByTheDeployFilesAndTheRestOfTheirFlagsExist() throws Exception {
    String all;
    try (var files = Files.walk(DEPLOY)) {
      all = files.filter(Files::isRegularFile).map(f -> {
        try {
          return Files.readString(f);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    for (Map.Entry<String, Map<String, Boolean>> e : CliFlags.PENDING.entrySet()) {
      for (String flag : e.getValue().keySet()) {
        String env = "ZISK4J_" + e.getKey().toUpperCase() + "_" + flag.substring(2).toUpperCase().replace('-', '_');
        assertThat(all.contains(flag + "\n") || all.contains(flag + " ") || all.contains(env))
            .as("pending " + e.getKey() + " " + flag + " is used under deploy/ (else drop it from CliFlags.PENDING)")
            .isTrue();
        if (CliFlags.exists(e.getKey(), flag)) {
          System.out.println("[DeployFilesTest] " + e.getKey() + " " + flag + " is on the CLI now: its PENDING entry "
              + "is dead and can be removed");
        }
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static Instruction last(List<Instruction> ins, String keyword) {
    return ins.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + keyword));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> jsonArray(String s) {
    Object o = HelmSubset.yaml().load(s);
    assertThat(o).as("exec form (a JSON array): " + s).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  private static List<String> strings(List<Object> l) {
    return l.stream().map(o -> DeployFiles.composeInterpolate(String.valueOf(o))).toList();
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> out.put(k, DeployFiles.composeInterpolate(String.valueOf(v))));
    }
    return out;
  }

  private static Set<Integer> containerPorts(List<Object> ports) {
    Set<Integer> out = new TreeSet<>();
    for (String p : strings(ports)) {
      String[] parts = p.split(":");
      out.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
    }
    return out;
  }

  private static int seconds(String duration) {
    assertThat(duration).matches("[0-9]+s");
    return Integer.parseInt(duration.substring(0, duration.length() - 1));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> o) {
    return (Map<String, Object>) o.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return (Map<String, Object>) ((Map<String, Object>) spec(deployment).get("template")).get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Object> cs = (List<Object>) podSpec(deployment).get("containers");
    assertThat(cs).hasSize(1);
    return (Map<String, Object>) cs.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    assertThat(v).as(key).isInstanceOf(List.class);
    return (List<Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> out = new LinkedHashMap<>();
    Object env = container.get("env");
    if (env == null) {
      return out;
    }
    for (Object e : (List<Object>) env) {
      Map<String, Object> m = (Map<String, Object>) e;
      out.put((String) m.get("name"), m.containsKey("value") ? String.valueOf(m.get("value"))
          : "jdbc:postgresql://from-secret:5432/db?user=u&password=p");
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static int servicePort(Map<String, Object> svc, String name) {
    return ((List<Object>) spec(svc).get("ports")).stream().map(p -> (Map<String, Object>) p)
        .filter(p -> name.equals(p.get("name"))).map(p -> (Integer) p.get("port")).findFirst()
        .orElseThrow(() -> new AssertionError("Service has no port " + name));
  }
}
