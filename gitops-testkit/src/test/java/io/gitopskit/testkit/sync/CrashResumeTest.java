package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.DEPLOY;
import static io.gitopskit.testkit.sync.SyncExecutorTest.JOB;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResourceResult;
import io.gitopskit.core.sync.StateStore;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncStep;
import io.gitopskit.testkit.SimulatedCluster;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real crash: a child JVM runs a multi-wave sync against a durable simulated cluster, saving
 * the operation state after every step, and is killed ({@link Process#destroyForcibly()})
 * right after it created an object and before its state recorded it; this process then resumes
 * from the saved state and the journal, and the sync converges with every object created
 * exactly once.
 */
class CrashResumeTest {

  @TempDir
  Path dir;

  /** Per kind/namespace/name, every uid the journal ever stored for it. */
  static Map<String, Set<String>> uidsEverStored(Path journal) throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      JsonObject record = (JsonObject) ManifestLoader.defaults().readDocuments(line,
          "journal.json").get(0);
      JsonValue object = record.getOrNull("object");
      if (record.getString("op").orElseThrow().equals("put") && object instanceof JsonObject) {
        Manifest m = Manifest.of((JsonObject) object);
        out.computeIfAbsent(m.kind() + "/" + m.namespace() + "/" + m.name(),
            k -> new TreeSet<>()).add(m.metadata().getString("uid").orElseThrow());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrate-", "web"})
  void killedMidSyncResumesToConvergenceWithoutDuplicates(String killAt) throws Exception {
    Path journal = dir.resolve("cluster.jsonl");
    Path states = dir.resolve("states");
    SimulatedCluster setup = CrashScenario.cluster(journal);
    setup.create(namespace("shop"), WriteOptions.defaults());
    Manifest bystander = setup.create(configMap("shop", "bystander"), WriteOptions.defaults());
    setup.create(configMap("shop", "old"), WriteOptions.defaults());
    SyncPlan plan = CrashScenario.plan(setup);

    String java = ProcessHandle.current().info().command().orElse(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
        System.getProperty("java.class.path"), CrashScenario.class.getName(),
        journal.toString(), states.toString(), killAt)
        .redirectError(dir.resolve("child.err").toFile()).start();
    List<String> said = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        said.add(line);
        if (line.startsWith("blocked ")) {
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(said).as("child output; stderr: %s", Files.readString(dir.resolve("child.err")))
        .contains("plan " + CrashScenario.fingerprint(plan))
        .last().asString().startsWith("blocked ").contains(killAt);

    SimulatedCluster cluster = CrashScenario.cluster(journal);
    OperationState saved = StateStore.directory(states).load(CrashScenario.OPERATION)
        .orElseThrow();
    assertThat(saved.phase()).isEqualTo(OperationPhase.RUNNING);
    String blocked = said.get(said.size() - 1).substring("blocked Job/".length());
    if (killAt.equals("web")) {
      assertThat(saved.lastCompletedWave()).as("PreSync and Sync wave 0 done").isEqualTo(1);
    } else {
      assertThat(saved.lastCompletedWave()).isEqualTo(-1);
      assertThat(saved.results()).noneMatch(r -> r.key().name().equals(blocked));
      assertThat(cluster.get(JOB, "shop", blocked)).as("created before the kill").isPresent();
    }

    OperationState state = new SyncExecutor().resume(plan, cluster, saved,
        SyncExecutorTest.options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.startedAt()).isEqualTo(saved.startedAt());
    assertThat(state.results()).extracting(r -> r.key() + " " + r.syncPhase())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(plan.steps().stream()
            .map(s -> s.key() + " " + s.phase()).collect(Collectors.toList()));
    assertThat(state.results()).allMatch(r -> r.hookPhase() == OperationPhase.SUCCEEDED,
        "every step succeeded");
    Map<String, Set<String>> uids = uidsEverStored(journal);
    for (String created : List.of("ConfigMap/shop/cfg", "Deployment/shop/web",
        "ConfigMap/shop/done", "Job/shop/smoke")) {
      assertThat(uids.get(created)).as(created + " created exactly once").hasSize(1);
    }
    List<String> migrations = uids.keySet().stream().filter(k -> k.startsWith("Job/shop/migrate-"))
        .collect(Collectors.toList());
    assertThat(migrations).as("one generated hook name").hasSize(1);
    assertThat(uids.get(migrations.get(0))).as("the hook was created once").hasSize(1);
    SyncStep.Hook hook = (SyncStep.Hook) plan.steps().get(0);
    assertThat(migrations.get(0)).isEqualTo("Job/shop/" + hook.manifest().name());
    assertThat(cluster.get(CrashScenario.CM, "shop", "old")).as("pruned").isEmpty();
    assertThat(cluster.get(CrashScenario.CM, "shop", "bystander")).as("untracked, untouched")
        .contains(bystander);
    assertThat(cluster.get(JOB, "shop", "smoke")).as("HookSucceeded").isEmpty();
    assertThat(HealthChecks.builtIn().assess(cluster.get(DEPLOY, "shop", "web").orElseThrow())
        .orElseThrow().code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(state.results()).extracting(ResourceResult::key).isSorted();
  }
}
