package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.DEPLOY;
import static io.gitopskit.testkit.sync.SyncExecutorTest.JOB;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.deployment;
import static io.gitopskit.testkit.sync.SyncExecutorTest.job;
import static io.gitopskit.testkit.sync.SyncExecutorTest.namespace;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.DeletionPlan;
import io.gitopskit.core.sync.DeletionPlanner;
import io.gitopskit.core.sync.DeletionRequest;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResultCode;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End-to-end application deletions ({@link SyncExecutor#delete}) on the simulated cluster. */
class DeletionExecutorTest {

  /** An application synced into namespace shop, next to an object it does not track. */
  static final class App {
    final SimulatedCluster cluster = SimulatedCluster.create();
    final List<Manifest> tracked = new ArrayList<>();
    final Manifest bystander;

    App() {
      cluster.create(namespace("shop"), WriteOptions.defaults());
      bystander = cluster.create(configMap("shop", "bystander"), WriteOptions.defaults());
      OperationState synced = new SyncExecutor().run(SyncExecutorTest.plan(configMap("shop", "cfg"),
          deployment("shop", "web", 1, true)), cluster, options(cluster));
      assertThat(synced.phase()).isEqualTo(OperationPhase.SUCCEEDED);
      tracked.add(cluster.get(CM, "shop", "cfg").orElseThrow());
      tracked.add(cluster.get(DEPLOY, "shop", "web").orElseThrow());
    }

    DeletionPlan plan(Manifest... hooks) {
      return DeletionPlanner.plan(DeletionRequest.builder(tracked)
          .desired(ManifestSet.of(hooks)).build());
    }

    boolean exists(GroupVersionKind gvk, String name) {
      return cluster.get(gvk, "shop", name).isPresent();
    }
  }

  /** Logs every real create (apply) and delete, in order. */
  static final class Recording extends DelegatingTarget {
    final List<String> log = new ArrayList<>();

    Recording(SimulatedCluster cluster) {
      super(cluster);
    }

    @Override
    public Manifest applyServerSide(Manifest object, ApplyOptions options) {
      if (!options.dryRun()) {
        log.add("apply " + object.kind() + "/" + object.name());
      }
      return super.applyServerSide(object, options);
    }

    @Override
    public Manifest delete(GroupVersionKind gvk, String namespace, String name,
        DeleteOptions options) {
      log.add("delete " + gvk.kind() + "/" + name);
      return super.delete(gvk, namespace, name, options);
    }
  }

  @Test
  void preDeleteHookRunsFirstThenResourcesInReverseWavesThenPostDeleteHook() {
    App app = new App();
    Recording target = new Recording(app.cluster);

    OperationState state = new SyncExecutor().delete(app.plan(
        job("shop", "backup", "PreDelete", "HookSucceeded", false),
        job("shop", "goodbye", "PostDelete", "BeforeHookCreation", false)), target,
        options(app.cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(target.log).containsExactly("apply Job/backup", "delete Deployment/web",
        "delete ConfigMap/cfg", "apply Job/goodbye", "delete Job/backup");
    assertThat(app.exists(DEPLOY, "web")).isFalse();
    assertThat(app.exists(CM, "cfg")).isFalse();
    assertThat(app.cluster.get(CM, "shop", "bystander")).contains(app.bystander);
    assertThat(app.exists(JOB, "backup")).isFalse();
    assertThat(app.exists(JOB, "goodbye")).isTrue();
    assertThat(state.result("batch/Job/shop/backup", SyncPhase.PRE_DELETE).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.result("apps/Deployment/shop/web", SyncPhase.SYNC).orElseThrow())
        .satisfies(r -> {
          assertThat(r.status()).isEqualTo(ResultCode.PRUNED);
          assertThat(r.hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
        });
    assertThat(state.lastCompletedWave()).isEqualTo(app.plan(
        job("shop", "backup", "PreDelete", "HookSucceeded", false),
        job("shop", "goodbye", "PostDelete", "BeforeHookCreation", false)).waves().size() - 1);
  }

  @Test
  void failingPreDeleteHookBlocksTheDeletionAndDeletesNothing() {
    App app = new App();
    Recording target = new Recording(app.cluster);

    OperationState state = new SyncExecutor().delete(app.plan(
        job("shop", "backup", "PreDelete", "HookFailed", true),
        job("shop", "goodbye", "PostDelete", "HookSucceeded", false)), target,
        options(app.cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo("PreDelete hook(s) failed: shop/backup");
    assertThat(target.log).containsExactly("apply Job/backup", "delete Job/backup");
    assertThat(app.exists(DEPLOY, "web")).isTrue();
    assertThat(app.exists(CM, "cfg")).isTrue();
    assertThat(app.exists(JOB, "goodbye")).isFalse();
    assertThat(state.result("batch/Job/shop/backup", SyncPhase.PRE_DELETE).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.results()).extracting(r -> r.key().name()).containsExactly("backup");
  }

  @Test
  void awaitingConfirmationTouchesNothing() {
    App app = new App();
    Manifest web = app.tracked.get(1);
    app.tracked.set(1, web.withAnnotation("argocd.argoproj.io/sync-options", "Delete=confirm"));
    Recording target = new Recording(app.cluster);

    OperationState state = new SyncExecutor().delete(app.plan(
        job("shop", "backup", "PreDelete", "HookSucceeded", false)), target,
        options(app.cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.RUNNING);
    assertThat(state.message()).isEqualTo(
        "Waiting for deletion confirmation of apps/v1/Deployment/web");
    assertThat(target.log).isEmpty();
    assertThat(app.exists(CM, "cfg")).isTrue();
  }

  @Test
  void anObjectReplacedSinceThePlanIsNotDeleted() {
    App app = new App();
    DeletionPlan plan = app.plan();
    app.cluster.delete(CM, "shop", "cfg", DeleteOptions.defaults());
    Manifest impostor = app.cluster.create(configMap("shop", "cfg"), WriteOptions.defaults());

    OperationState state = new SyncExecutor().delete(plan, app.cluster, options(app.cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(app.cluster.get(CM, "shop", "cfg")).contains(impostor);
    assertThat(state.result("/ConfigMap/shop/cfg", SyncPhase.SYNC).orElseThrow().status())
        .isEqualTo(ResultCode.PRUNE_SKIPPED);
    assertThat(app.exists(DEPLOY, "web")).isFalse();
  }

  @Test
  void resumedDeletionWaitsForTheHookItCreatedInsteadOfCreatingItAgain() {
    App app = new App();
    DeletionPlan plan = app.plan(job("shop", "backup", "PreDelete", "BeforeHookCreation",
        false));
    // the process dies while waiting for the hook it just created
    List<OperationState> saved = new ArrayList<>();
    SyncExecutor dying = new SyncExecutor(saved::add);
    assertThatThrownBy(() -> dying.delete(plan, app.cluster, options(app.cluster).withTime(
        app.cluster.clock(), d -> {
          throw new IllegalStateException("crash");
        }))).hasMessage("crash");
    OperationState last = saved.get(saved.size() - 1);
    assertThat(last.lastCompletedWave()).isEqualTo(-1);
    assertThat(last.result("batch/Job/shop/backup", SyncPhase.PRE_DELETE).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.RUNNING);
    Manifest hook = app.cluster.get(JOB, "shop", "backup").orElseThrow();
    Recording target = new Recording(app.cluster);

    OperationState state = new SyncExecutor().resumeDeletion(plan, target, last,
        options(app.cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    // no second "apply Job/backup"; an explicit BeforeHookCreation alone keeps the hook
    assertThat(target.log).containsExactly("delete Deployment/web", "delete ConfigMap/cfg");
    assertThat(app.cluster.get(JOB, "shop", "backup").orElseThrow().metadata()
        .getString("uid")).isEqualTo(hook.metadata().getString("uid"));
    assertThat(state.result("batch/Job/shop/backup", SyncPhase.PRE_DELETE).orElseThrow()
        .hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.startedAt()).isEqualTo(last.startedAt());
  }
}
