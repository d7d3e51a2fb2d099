package io.gitopskit.testkit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.ExecutorOptions;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResultCode;
import io.gitopskit.core.sync.RetryPolicy;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.testkit.SimulatedCluster;
import io.gitopskit.testkit.TestManifests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End-to-end runs of {@link SyncExecutor} against the simulated cluster. */
class SyncExecutorTest {

  static final GroupVersionKind NS = new GroupVersionKind("", "v1", "Namespace");
  static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");
  static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1", "Deployment");
  static final GroupVersionKind JOB = new GroupVersionKind("batch", "v1", "Job");

  static Manifest yaml(String text) {
    return TestManifests.yaml(text);
  }

  static Manifest namespace(String name) {
    return yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n");
  }

  static Manifest configMap(String ns, String name) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: "
        + ns + "}\ndata: {k: v}\n");
  }

  static Manifest deployment(String ns, String name, int wave, boolean withSelector) {
    return yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\n  annotations: {argocd.argoproj.io/sync-wave: '" + wave
        + "'}\nspec:\n  replicas: 2\n"
        + (withSelector ? "  selector: {matchLabels: {app: " + name + "}}\n" : "")
        + "  template:\n    metadata: {labels: {app: " + name + "}}\n"
        + "    spec:\n      containers: [{name: c, image: nginx:1.25}]\n");
  }

  static Manifest job(String ns, String name, String hook, String policy, boolean fail) {
    return yaml("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + name
        + "\n  namespace: " + ns + "\n  annotations:\n    argocd.argoproj.io/hook: " + hook
        + "\n    argocd.argoproj.io/hook-delete-policy: " + policy + "\n"
        + "spec:\n  backoffLimit: 0\n  template:\n"
        + (fail ? "    metadata: {annotations: {testkit.gitopskit.io/outcome: fail}}\n" : "")
        + "    spec:\n      restartPolicy: Never\n"
        + "      containers: [{name: c, image: busybox:1.36}]\n");
  }

  static ExecutorOptions options(SimulatedCluster cluster) {
    return ExecutorOptions.defaults()
        .withTime(cluster.clock(), d -> cluster.clock().advance(d.isZero()
            ? Duration.ofSeconds(1) : d))
        .withRetry(new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(10)))
        .withWaveTimeout(Duration.ofMinutes(5));
  }

  static SyncPlan plan(Manifest... desired) {
    return SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(desired)).build());
  }

  @Test
  void aCrdAndItsCustomResourcesSyncTogether() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest crd = TestManifests.widgetCrd();
    Manifest widget = TestManifests.widget("shop");
    SyncPlan plan = plan(namespace("shop"), crd, widget);

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message() + " " + state.results())
        .isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(TestManifests.WIDGET, "shop", "w"))
        .isPresent();
  }

  @Test
  void appliesWavesWaitsForHealthAndDeletesSucceededHook() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncPlan plan = plan(namespace("shop"), configMap("shop", "cfg"),
        deployment("shop", "web", 1, true),
        job("shop", "smoke", "PostSync", "HookSucceeded", false));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.lastCompletedWave()).isEqualTo(SyncExecutor.waves(plan).size() - 1);
    Manifest web = cluster.get(DEPLOY, "shop", "web").orElseThrow();
    assertThat(HealthChecks.builtIn().assess(web).orElseThrow().code())
        .isEqualTo(HealthCode.HEALTHY);
    assertThat(cluster.get(CM, "shop", "cfg")).isPresent();
    assertThat(cluster.get(JOB, "shop", "smoke")).isEmpty();
    assertThat(state.result("batch/Job/shop/smoke", SyncPhase.POST_SYNC).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.results()).allMatch(r -> r.status() == ResultCode.SYNCED
        && r.hookPhase() == OperationPhase.SUCCEEDED);
    assertThat(state.results()).isSortedAccordingTo(
        io.gitopskit.core.sync.ResourceResult.ORDER);
  }

  @Test
  void failingPreSyncHookRunsSyncFailHookAndStopsLaterWaves() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(namespace("shop"), io.gitopskit.core.cluster.WriteOptions.defaults());
    SyncPlan plan = plan(configMap("shop", "cfg"),
        job("shop", "migrate", "PreSync", "BeforeHookCreation", true),
        job("shop", "notify", "SyncFail", "BeforeHookCreation", false));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).contains("completed unsuccessfully");
    assertThat(state.result("batch/Job/shop/migrate", SyncPhase.PRE_SYNC).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.result("batch/Job/shop/notify", SyncPhase.SYNC_FAIL).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(JOB, "shop", "notify")).isPresent();
    assertThat(cluster.get(CM, "shop", "cfg")).isEmpty();
    assertThat(state.lastCompletedWave()).isEqualTo(-1);
  }

  @Test
  void dryRunFailureAppliesNothing() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncPlan plan = plan(configMap("default", "cfg"), deployment("default", "bad", 0, false));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo("one or more objects failed to apply (dry run)");
    assertThat(state.result("apps/Deployment/default/bad", SyncPhase.SYNC).orElseThrow())
        .satisfies(r -> {
          assertThat(r.status()).isEqualTo(ResultCode.SYNC_FAILED);
          assertThat(r.message()).isNotBlank();
        });
    assertThat(cluster.get(CM, "default", "cfg")).isEmpty();
    assertThat(cluster.get(DEPLOY, "default", "bad")).isEmpty();
  }

  @Test
  void prunesTrackedObject() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest old = cluster.create(configMap("default", "old"),
        io.gitopskit.core.cluster.WriteOptions.defaults());
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        configMap("default", "cfg"))).live(List.of(old)).prune(true).build());

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(CM, "default", "old")).isEmpty();
    assertThat(state.result("/ConfigMap/default/old", SyncPhase.SYNC).orElseThrow().status())
        .isEqualTo(ResultCode.PRUNED);
  }

  @Test
  void retriesInjectedConflictUntilCleared() {
    SimulatedCluster cluster = SimulatedCluster.create();
    int[] attempts = {0};
    // the default write is a client-side apply: a "patch" to the fault switches
    cluster.faults().fail("patch", "ConfigMap", "*", 1.0, () -> {
      if (++attempts[0] >= 2) {
        cluster.faults().clear();
      }
      return new ClusterException.Conflict("injected conflict");
    });
    SyncPlan plan = plan(configMap("default", "cfg"));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(attempts[0]).isGreaterThanOrEqualTo(2);
    assertThat(cluster.get(CM, "default", "cfg")).isPresent();
  }

  @Test
  void conflictBeyondTheRetryLimitFailsTheStep() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncPlan plan = plan(configMap("default", "cfg"));
    SyncExecutor executor = new SyncExecutor();
    // the dry run passes, then every real apply conflicts
    OperationState state = executor.run(plan, new CountingTarget(cluster) {
      @Override
      public Manifest applyClientSide(Manifest object, WriteOptions options) {
        if (!options.dryRun()) {
          throw new ClusterException.Conflict("always");
        }
        return super.applyClientSide(object, options);
      }
    }, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.result("/ConfigMap/default/cfg", SyncPhase.SYNC).orElseThrow().status())
        .isEqualTo(ResultCode.SYNC_FAILED);
  }

  @Test
  void resumeSkipsCompletedWaveAndAppliesTheRestOnce() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncPlan plan = plan(namespace("shop"), configMap("shop", "cfg"),
        deployment("shop", "web", 1, true));
    assertThat(SyncExecutor.waves(plan)).hasSize(2);
    // the process dies as soon as the first wave is recorded complete
    OperationState[] saved = new OperationState[1];
    SyncExecutor crashing = new SyncExecutor(s -> {
      if (s.lastCompletedWave() == 0 && saved[0] == null) {
        saved[0] = s;
        throw new IllegalStateException("crash");
      }
    });
    assertThatThrownBy(() -> crashing.run(plan, new CountingTarget(cluster), options(cluster)))
        .hasMessage("crash");
    assertThat(saved[0]).isNotNull();
    OperationState resumable = saved[0];

    CountingTarget second = new CountingTarget(cluster);
    OperationState state = new SyncExecutor().resume(plan, second, resumable,
        options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(second.applies).containsOnly("Deployment/web");
    assertThat(second.realApplies).containsExactly("Deployment/web");
    assertThat(state.results()).extracting(r -> r.key().toString()).doesNotHaveDuplicates()
        .containsExactly("/ConfigMap/shop/cfg", "/Namespace//shop", "apps/Deployment/shop/web");
  }

  @Test
  void terminateStopsBetweenSteps() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncExecutor executor = new SyncExecutor();
    executor.terminate();
    OperationState state = executor.run(plan(configMap("default", "cfg")), cluster,
        options(cluster));
    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo(SyncExecutor.TERMINATED);
    assertThat(cluster.get(CM, "default", "cfg")).isEmpty();
  }

  @Test
  void beforeHookCreationReplacesAnExistingHookAndHookFailedDeletesAFailedOne() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(namespace("shop"), io.gitopskit.core.cluster.WriteOptions.defaults());
    Manifest before = cluster.create(job("shop", "seed", "PreSync", "BeforeHookCreation", false),
        io.gitopskit.core.cluster.WriteOptions.defaults());
    SyncPlan ok = plan(configMap("shop", "cfg"),
        job("shop", "seed", "PreSync", "BeforeHookCreation", false));

    OperationState state = new SyncExecutor().run(ok, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    Manifest after = cluster.get(JOB, "shop", "seed").orElseThrow();
    assertThat(after.at("/metadata/uid")).isNotEqualTo(before.at("/metadata/uid"));

    SyncPlan failing = plan(configMap("shop", "cfg2"),
        job("shop", "boom", "Sync", "HookFailed", true));
    OperationState failed = new SyncExecutor().run(failing, cluster, options(cluster));
    assertThat(failed.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(cluster.get(JOB, "shop", "boom")).isEmpty();
  }

  @Test
  void degradedOrNeverHealthyResourceFailsAfterTheWaveTimeout() {
    SimulatedCluster cluster = SimulatedCluster.builder().failingImage("nginx").build();
    cluster.create(namespace("shop"), io.gitopskit.core.cluster.WriteOptions.defaults());
    SyncPlan plan = plan(deployment("shop", "web", 0, true), configMap("shop", "later")
        .withAnnotation("argocd.argoproj.io/sync-wave", "5"));

    OperationState state = new SyncExecutor().run(plan, cluster,
        options(cluster).withWaveTimeout(Duration.ofMinutes(2)));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).containsAnyOf("timed out", "degraded");
    assertThat(state.result("apps/Deployment/shop/web", SyncPhase.SYNC).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.FAILED);
    assertThat(cluster.get(CM, "shop", "later")).isEmpty();
  }

  /** Records every apply (client- or server-side), delegating to the simulated cluster. */
  static class CountingTarget extends DelegatingTarget {
    final List<String> applies = new ArrayList<>();
    final List<String> realApplies = new ArrayList<>();

    CountingTarget(SimulatedCluster cluster) {
      super(cluster);
    }

    @Override
    public Manifest applyServerSide(Manifest object, ApplyOptions options) {
      applies.add(object.kind() + "/" + object.name());
      if (!options.dryRun()) {
        realApplies.add(object.kind() + "/" + object.name());
      }
      return super.applyServerSide(object, options);
    }

    @Override
    public Manifest applyClientSide(Manifest object, WriteOptions options) {
      applies.add(object.kind() + "/" + object.name());
      if (!options.dryRun()) {
        realApplies.add(object.kind() + "/" + object.name());
      }
      return super.applyClientSide(object, options);
    }
  }
}
