package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.JOB;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.deployment;
import static io.gitopskit.testkit.sync.SyncExecutorTest.job;
import static io.gitopskit.testkit.sync.SyncExecutorTest.namespace;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static io.gitopskit.testkit.sync.SyncExecutorTest.plan;
import static io.gitopskit.testkit.sync.SyncExecutorTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.ExecutorOptions;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResourceResult;
import io.gitopskit.core.sync.ResultCode;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncOptions;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.testkit.SimulatedCluster;
import io.gitopskit.testkit.SimulatedControllers;
import io.gitopskit.testkit.TestManifests;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor against gitops-engine's {@code sync_context.go}, rule by rule: the state
 * machine's phases and messages (users grep for them), when waves are waited for, hook delete
 * policies, SyncFail hooks, termination, and application options on hooks.
 */
class SyncExecutorUpstreamTest {

  private static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");

  /** A hook Job that runs for a while before it succeeds (or fails). */
  static Manifest slowJob(String name, String hook, String policy, String duration,
      boolean fail) {
    return yaml("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + name
        + "\n  namespace: shop\n  annotations:\n    argocd.argoproj.io/hook: " + hook
        + "\n    argocd.argoproj.io/hook-delete-policy: " + policy + "\n"
        + "spec:\n  backoffLimit: 0\n  template:\n    metadata:\n      annotations:\n"
        + "        " + SimulatedControllers.DURATION + ": " + duration + "\n"
        + (fail ? "        " + SimulatedControllers.OUTCOME + ": fail\n" : "")
        + "    spec:\n      restartPolicy: Never\n"
        + "      containers: [{name: c, image: busybox:1.36}]\n");
  }

  private static SimulatedCluster shop() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(namespace("shop"), WriteOptions.defaults());
    return cluster;
  }

  private static ResourceResult result(OperationState state, String key, SyncPhase phase) {
    return state.result(key, phase).orElseThrow(() -> new AssertionError("no result for "
        + key + " in " + state.results()));
  }

  // ---- outcome and messages ----

  @Test
  void lastWaveOfPlainResourcesSucceedsOnceAppliedWithoutWaitingForHealth() {
    SimulatedCluster cluster = SimulatedCluster.builder().failingImage("nginx").build();
    cluster.create(namespace("shop"), WriteOptions.defaults());

    OperationState state = new SyncExecutor().run(plan(deployment("shop", "web", 0, true)),
        cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.message()).isEqualTo("successfully synced (all tasks run)");
    assertThat(result(state, "apps/Deployment/shop/web", SyncPhase.SYNC)).satisfies(r -> {
      assertThat(r.message()).isEqualTo("deployment.apps/web created");
      assertThat(r.hookPhase()).isEqualTo(OperationPhase.RUNNING);
    });
  }

  @Test
  void waitsWithUpstreamMessagesAndEndsWithNoMoreTasksAfterAHook() {
    SimulatedCluster cluster = shop();
    List<String> messages = new ArrayList<>();
    SyncPlan plan = plan(configMap("shop", "cfg"), deployment("shop", "web", 1, true),
        deployment("shop", "api", 1, true), slowJob("smoke", "PostSync", "HookSucceeded", "30s",
            false));

    OperationState state = new SyncExecutor(s -> messages.add(s.message())).run(plan, cluster,
        options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.message()).isEqualTo("successfully synced (no more tasks)");
    assertThat(messages).contains("one or more tasks are running",
        "waiting for healthy state of apps/Deployment/api and 1 more resources",
        "waiting for completion of hook batch/Job/smoke");
    assertThat(result(state, "batch/Job/shop/smoke", SyncPhase.POST_SYNC).status())
        .isEqualTo(ResultCode.SYNCED);
  }

  @Test
  void hookResultCarriesKubectlsMessage() {
    SimulatedCluster cluster = shop();
    List<ResourceResult> seen = new ArrayList<>();

    new SyncExecutor(s -> s.result("batch/Job/shop/seed", SyncPhase.PRE_SYNC)
        .ifPresent(seen::add)).run(plan(configMap("shop", "cfg"), job("shop", "seed", "PreSync",
            "BeforeHookCreation", false)), cluster, options(cluster));

    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0).message()).isEqualTo("job.batch/seed created");
  }

  @Test
  void applyFailureGivesTheReasonWithUpstreamWording() {
    SimulatedCluster cluster = shop();
    // the dry run passes, the real apply is refused
    DelegatingTarget refusing = new DelegatingTarget(cluster) {
      @Override
      public Manifest applyClientSide(Manifest object, WriteOptions options) {
        if (!options.dryRun() && object.name().equals("bad")) {
          throw new ClusterException.Forbidden("configmaps \"bad\" is forbidden: no");
        }
        return super.applyClientSide(object, options);
      }
    };

    OperationState state = new SyncExecutor().run(plan(configMap("shop", "bad"),
        configMap("shop", "good")), refusing, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo(
        "one or more objects failed to apply, reason: configmaps \"bad\" is forbidden: no");
  }

  @Test
  void failedHookGivesCompletedUnsuccessfullyWithoutReason() {
    SimulatedCluster cluster = shop();

    OperationState state = new SyncExecutor().run(plan(configMap("shop", "cfg"),
        job("shop", "migrate", "PreSync", "BeforeHookCreation", true)), cluster,
        options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message())
        .isEqualTo("one or more synchronization tasks completed unsuccessfully");
    assertThat(result(state, "batch/Job/shop/migrate", SyncPhase.PRE_SYNC).hookPhase())
        .isEqualTo(OperationPhase.FAILED);
  }

  @Test
  void unknownKindMakesTheTasksInvalid() {
    SimulatedCluster cluster = shop();
    Manifest widget = TestManifests.widget("shop");

    OperationState state = new SyncExecutor().run(plan(configMap("shop", "cfg"), widget),
        cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo("one or more synchronization tasks are not valid");
    assertThat(result(state, "example.io/Widget/shop/w", SyncPhase.SYNC)).satisfies(r -> {
      assertThat(r.status()).isEqualTo(ResultCode.SYNC_FAILED);
      assertThat(r.message()).isEqualTo("the server could not find the requested resource");
    });
    assertThat(cluster.get(CM, "shop", "cfg")).isEmpty();

    OperationState skipped = new SyncExecutor().run(SyncPlanner.plan(SyncRequest.builder(
        ManifestSet.of(configMap("shop", "cfg"), widget)).options(SyncOptions.parse(List.of(
            "SkipDryRunOnMissingResource=true"))).build()), cluster, options(cluster));
    assertThat(skipped.message()).isEqualTo("one or more objects failed to apply, reason: "
        + result(skipped, "example.io/Widget/shop/w", SyncPhase.SYNC).message());
  }

  @Test
  void pruneConfirmationHoldsTheWholeWaveBeforeAnythingRuns() {
    SimulatedCluster cluster = shop();
    Manifest precious = cluster.create(configMap("shop", "precious").withAnnotation(
        SyncOptions.ANNOTATION, "Prune=confirm"), WriteOptions.defaults());
    Manifest old = cluster.create(configMap("shop", "old"), WriteOptions.defaults());

    OperationState state = new SyncExecutor().run(SyncPlanner.plan(SyncRequest.builder(
        ManifestSet.of(configMap("shop", "cfg"))).live(List.of(precious, old)).prune(true)
        .build()), cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.RUNNING);
    assertThat(state.message())
        .isEqualTo("Waiting for pruning confirmation of v1/ConfigMap/precious");
    assertThat(cluster.get(CM, "shop", "old")).as("not pruned before confirmation").isPresent();
    assertThat(cluster.get(CM, "shop", "cfg")).as("not applied before confirmation").isEmpty();
  }

  // ---- waiting before failing ----

  @Test
  void aFailedHookWaitsForTheOtherHooksOfItsWave() {
    SimulatedCluster cluster = shop();
    SyncPlan plan = plan(configMap("shop", "cfg"),
        slowJob("quick-fail", "PreSync", "BeforeHookCreation", "5s", true),
        slowJob("slow-ok", "PreSync", "BeforeHookCreation", "60s", false));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(result(state, "batch/Job/shop/slow-ok", SyncPhase.PRE_SYNC).hookPhase())
        .as("waited for").isEqualTo(OperationPhase.SUCCEEDED);
  }

  // ---- hook delete policies ----

  @Test
  void deletePoliciesFollowTheOperationNotTheHook() {
    SimulatedCluster cluster = shop();
    SyncPlan plan = plan(configMap("shop", "cfg"),
        job("shop", "pre-ok", "PreSync", "HookFailed", false),
        deployment("shop", "web", 1, true),
        job("shop", "post-fail", "PostSync", "HookSucceeded", true),
        job("shop", "on-fail", "SyncFail", "HookSucceeded", false));

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(cluster.get(JOB, "shop", "pre-ok")).as("HookFailed: the sync failed").isEmpty();
    assertThat(cluster.get(JOB, "shop", "post-fail")).as("HookSucceeded: the sync failed")
        .isPresent();
    assertThat(result(state, "batch/Job/shop/on-fail", SyncPhase.SYNC_FAIL).hookPhase())
        .isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(JOB, "shop", "on-fail"))
        .as("a SyncFail hook with HookSucceeded: the sync failed").isPresent();
  }

  @Test
  void hooksAreDeletedWithTheApplicationsPropagationPolicy() {
    SimulatedCluster cluster = shop();
    cluster.create(job("shop", "seed", "PreSync", "BeforeHookCreation,HookSucceeded", false),
        WriteOptions.defaults());
    SyncPruneTest.DeleteLog target = new SyncPruneTest.DeleteLog(cluster);
    SyncPlan plan = plan(configMap("shop", "cfg"), job("shop", "seed", "PreSync",
        "BeforeHookCreation,HookSucceeded", false));

    OperationState state = new SyncExecutor().run(plan, target, options(cluster));
    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(target.withPolicy).containsExactly("seed " + PropagationPolicy.FOREGROUND,
        "seed " + PropagationPolicy.FOREGROUND);

    SyncPruneTest.DeleteLog background = new SyncPruneTest.DeleteLog(cluster);
    OperationState again = new SyncExecutor().run(plan, background, options(cluster)
        .withSyncOptions(SyncOptions.parse(List.of("PrunePropagationPolicy=background"))));
    assertThat(again.phase()).as(again.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(background.withPolicy).containsOnly("seed " + PropagationPolicy.BACKGROUND);
  }

  // ---- application options on hooks ----

  @Test
  void applicationOptionsApplyToHooks() {
    SimulatedCluster cluster = shop();
    List<ResourceResult> seen = new ArrayList<>();
    ExecutorOptions ssa = options(cluster).withSyncOptions(SyncOptions.parse(List.of(
        "ServerSideApply=true")));

    new SyncExecutor(s -> s.result("batch/Job/shop/seed", SyncPhase.PRE_SYNC)
        .ifPresent(seen::add)).run(SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
            configMap("shop", "cfg"), job("shop", "seed", "PreSync", "HookSucceeded", false)))
            .options(SyncOptions.parse(List.of("ServerSideApply=true"))).build()), cluster, ssa);

    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0).message()).isEqualTo("job.batch/seed serverside-applied");
  }

  // ---- termination ----

  @Test
  void terminateDeletesRunningHooksWithUpstreamMessages() {
    SimulatedCluster cluster = shop();
    SyncExecutor executor = new SyncExecutor();
    SyncPlan plan = plan(configMap("shop", "cfg"),
        slowJob("long", "PreSync", "BeforeHookCreation", "10m", false));

    OperationState state = executor.run(plan, cluster, options(cluster).withTime(
        cluster.clock(), d -> {
          cluster.clock().advance(d);
          if (cluster.get(JOB, "shop", "long").isPresent()) {
            executor.terminate();
          }
        }));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo("Operation terminated");
    assertThat(result(state, "batch/Job/shop/long", SyncPhase.PRE_SYNC)).satisfies(r -> {
      assertThat(r.hookPhase()).isEqualTo(OperationPhase.SUCCEEDED);
      assertThat(r.message()).isEqualTo("Deleted");
    });
    assertThat(cluster.get(JOB, "shop", "long").filter(j -> !j.metadata()
        .has("deletionTimestamp"))).isEmpty();
  }

  // ---- secrets ----

  @Test
  void aRefusedSecretNeverShowsItsValues() {
    String password = "hunter2-secret-value";
    String encoded = Base64.getEncoder().encodeToString(password.getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    // an admission webhook that echoes the value it refuses, as some do
    SimulatedCluster cluster = SimulatedCluster.builder().validator((object, old) ->
        object.kind().equals("Secret") ? List.of(new FieldCause("FieldValueInvalid",
            "Invalid value: \"" + password + "\" (" + encoded + "): weak password",
            "data[password]")) : List.of()).build();
    cluster.create(namespace("shop"), WriteOptions.defaults());
    Manifest secret = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}"
        + "\ndata: {password: " + encoded + "}\n");
    List<OperationState> states = new ArrayList<>();

    OperationState dry = new SyncExecutor(states::add).run(plan(secret), cluster,
        options(cluster));
    SimulatedCluster plain = shop();
    OperationState real = new SyncExecutor(states::add).run(plan(secret), new DelegatingTarget(
        plain) {
          @Override
          public Manifest applyClientSide(Manifest object, WriteOptions options) {
            if (!options.dryRun()) {
              throw new ClusterException.Invalid("Secret \"db\" is invalid: data[password]: "
                  + "Invalid value: \"" + password + "\"", List.of());
            }
            return super.applyClientSide(object, options);
          }
        }, options(plain));

    assertThat(dry.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(real.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(result(dry, "/Secret/shop/db", SyncPhase.SYNC).message()).contains("++++++++");
    for (OperationState s : states) {
      assertThat(s.message()).doesNotContain(password).doesNotContain(encoded);
      for (ResourceResult r : s.results()) {
        assertThat(r.message()).doesNotContain(password).doesNotContain(encoded);
      }
    }
    assertThat(cluster.get(SECRET, "shop", "db")).isEmpty();
    assertThat(real.message()).startsWith("one or more objects failed to apply, reason: ");
  }
}
