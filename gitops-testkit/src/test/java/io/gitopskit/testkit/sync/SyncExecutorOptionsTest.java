package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.DEPLOY;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.deployment;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static io.gitopskit.testkit.sync.SyncExecutorTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.ExecutorOptions;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResourceResult;
import io.gitopskit.core.sync.ResourceTracking;
import io.gitopskit.core.sync.ResultCode;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncOptions;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End-to-end runs of {@link SyncExecutor} against the simulated cluster, one observable
 * difference per sync option: how objects are written (client-side apply by default,
 * ServerSideApply, Replace, Force, Validate, RespectIgnoreDifferences) and resource tracking
 * (SharedResourceWarning, FailOnSharedResource, never pruning what another application owns).
 */
class SyncExecutorOptionsTest {

  private static final String SHOP = "shop";
  private static final String BILLING = "billing";

  private static SyncPlan plan(List<String> appOptions, Manifest... desired) {
    return SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(desired))
        .options(SyncOptions.parse(appOptions)).build());
  }

  private static OperationState sync(SimulatedCluster cluster, SyncPlan plan,
      ExecutorOptions options) {
    return new SyncExecutor().run(plan, cluster, options);
  }

  private static OperationState sync(SimulatedCluster cluster, List<String> appOptions,
      Manifest... desired) {
    return sync(cluster, plan(appOptions, desired), options(cluster));
  }

  private static ResourceResult result(OperationState state, String key) {
    return state.result(key, SyncPhase.SYNC).orElseThrow(() -> new AssertionError(
        "no result for " + key + " in " + state.results()));
  }

  private static Manifest live(SimulatedCluster cluster, String name) {
    return cluster.get(CM, "default", name).orElseThrow();
  }

  private static Optional<String> data(Manifest m, String key) {
    return m.at("/data/" + key).map(v -> ((JsonString) v).value());
  }

  private static String uid(Manifest m) {
    return m.metadata().getString("uid").orElseThrow();
  }

  private static List<String> managers(Manifest m) {
    return m.at("/metadata/managedFields").map(v -> ((io.gitopskit.core.json.JsonArray) v)
        .items().stream().map(e -> ((JsonObject) e).getString("manager").orElse("") + ":"
            + ((JsonObject) e).getString("operation").orElse("")).toList())
        .orElse(List.of());
  }

  private static Manifest tracked(Manifest m, String app) {
    return m.withAnnotation(ResourceTracking.TRACKING_ID,
        app + ":" + m.group() + "/" + m.kind() + ":" + m.namespace() + "/" + m.name());
  }

  // ---- how objects are written ----

  @Test
  void defaultIsClientSideApplyRecordingLastApplied() {
    SimulatedCluster cluster = SimulatedCluster.create();

    OperationState state = sync(cluster, List.of(), configMap("default", "cfg"));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg created");
    Manifest live = live(cluster, "cfg");
    assertThat(live.annotation(ClusterTarget.LAST_APPLIED_ANNOTATION)).isPresent();
    assertThat(managers(live)).containsExactly("gitopskit:Update");

    OperationState again = sync(cluster, List.of(), configMap("default", "cfg"));
    assertThat(result(again, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg unchanged");
  }

  @Test
  void serverSideApplyOwnsFieldsWithoutLastAppliedAndForcesConflicts() {
    SimulatedCluster cluster = SimulatedCluster.create();
    // another manager owns data.k with another value: only a forced apply can take it
    cluster.applyServerSide(configMap("default", "cfg").with("/data/k", JsonString.of("theirs")),
        ApplyOptions.defaults().withFieldManager("other"));

    OperationState state = sync(cluster, List.of("ServerSideApply=true"),
        configMap("default", "cfg"), configMap("default", "fresh"));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg serverside-applied");
    assertThat(data(live(cluster, "cfg"), "k")).contains("v");
    Manifest fresh = live(cluster, "fresh");
    assertThat(fresh.annotation(ClusterTarget.LAST_APPLIED_ANNOTATION)).isEmpty();
    assertThat(managers(fresh)).containsExactly("gitopskit:Apply");
  }

  @Test
  void replaceDropsAFieldThatApplyKeeps() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), configMap("default", "cfg"));
    cluster.edit(CM, "default", "cfg", root -> root.with("data",
        root.getObject("data").orElseThrow().with("extra", JsonString.of("by hand"))));

    OperationState applied = sync(cluster, List.of(), configMap("default", "cfg"));
    assertThat(applied.phase()).as(applied.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(data(live(cluster, "cfg"), "extra")).contains("by hand");

    String uid = uid(live(cluster, "cfg"));
    // Replace wins over ServerSideApply, as in Argo CD
    OperationState replaced = sync(cluster, List.of("Replace=true", "ServerSideApply=true"),
        configMap("default", "cfg"));
    assertThat(replaced.phase()).as(replaced.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(replaced, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg replaced");
    Manifest live = live(cluster, "cfg");
    assertThat(data(live, "extra")).isEmpty();
    assertThat(data(live, "k")).contains("v");
    assertThat(uid(live)).as("replaced in place").isEqualTo(uid);
    assertThat(live.annotation(ClusterTarget.LAST_APPLIED_ANNOTATION)).isEmpty();
  }

  @Test
  void replaceCreatesAnAbsentObject() {
    SimulatedCluster cluster = SimulatedCluster.create();

    OperationState state = sync(cluster, List.of("Replace=true"), configMap("default", "cfg"));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg created");
    assertThat(live(cluster, "cfg").annotation(ClusterTarget.LAST_APPLIED_ANNOTATION)).isEmpty();
  }

  private static Manifest immutableConfigMap(String value) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen, namespace: default}\n"
        + "immutable: true\ndata: {k: " + value + "}\n");
  }

  @Test
  void immutableFieldChangeFailsWithoutForce() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), immutableConfigMap("one"));

    OperationState state = sync(cluster, List.of(), immutableConfigMap("two"));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(result(state, "/ConfigMap/default/frozen").message()).contains("immutable");
    assertThat(data(live(cluster, "frozen"), "k")).contains("one");
  }

  @Test
  void forceRecreatesAnObjectWhoseImmutableFieldChanged() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), immutableConfigMap("one"));
    String before = uid(live(cluster, "frozen"));

    OperationState state = sync(cluster, List.of(), immutableConfigMap("two")
        .withAnnotation(SyncOptions.ANNOTATION, "Force=true"));

    assertThat(state.phase()).as(state.message() + " " + state.results())
        .isEqualTo(OperationPhase.SUCCEEDED);
    Manifest after = live(cluster, "frozen");
    assertThat(data(after, "k")).contains("two");
    assertThat(uid(after)).isNotEqualTo(before);
    assertThat(after.annotation(ClusterTarget.LAST_APPLIED_ANNOTATION)).isPresent();
  }

  @Test
  void forceDryRunStillRefusesAnObjectThatIsInvalidAsNew() {
    // an admission rule whose message happens to say "immutable": only a dry-run create can
    // tell that the object itself is invalid, not just its update
    SimulatedCluster cluster = SimulatedCluster.builder().validator((object, old) ->
        object.annotation("team").filter("immutable-team"::equals).isPresent()
            ? List.of(new FieldCause("FieldValueInvalid",
                "Invalid value: \"immutable-team\": unknown team", "metadata.annotations[team]"))
            : List.of()).build();
    sync(cluster, List.of(), immutableConfigMap("one"));
    String before = uid(live(cluster, "frozen"));

    OperationState state = sync(cluster, List.of("Force=true"),
        immutableConfigMap("two").withAnnotation("team", "immutable-team"));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo("one or more objects failed to apply (dry run)");
    assertThat(result(state, "/ConfigMap/default/frozen").message()).contains("unknown team");
    assertThat(uid(live(cluster, "frozen"))).as("never deleted").isEqualTo(before);
    assertThat(data(live(cluster, "frozen"), "k")).contains("one");
  }

  @Test
  void forcePutsTheOriginalBackWhenTheNewObjectCannotBeCreated() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), immutableConfigMap("one"));
    String before = uid(live(cluster, "frozen"));
    // the server refuses "two" for real (dry runs pass): the patch and the re-creation fail
    DelegatingTarget refusing = new DelegatingTarget(cluster) {
      @Override
      public Manifest applyClientSide(Manifest object, WriteOptions options) {
        if (!options.dryRun() && data(object, "k").orElse("").equals("two")) {
          throw new ClusterException.Invalid("ConfigMap \"frozen\" is invalid", List.of(
              new FieldCause("FieldValueForbidden", "Forbidden: refused", "data")));
        }
        return super.applyClientSide(object, options);
      }
    };

    OperationState state = new SyncExecutor().run(plan(List.of("Force=true"),
        immutableConfigMap("two")), refusing, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(result(state, "/ConfigMap/default/frozen").status())
        .isEqualTo(ResultCode.SYNC_FAILED);
    Manifest restored = live(cluster, "frozen");
    assertThat(data(restored, "k")).contains("one");
    assertThat(uid(restored)).isNotEqualTo(before);
  }

  @Test
  void replaceWithForceDeletesAndCreates() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), immutableConfigMap("one"));
    String before = uid(live(cluster, "frozen"));

    OperationState state = sync(cluster, List.of("Replace=true", "Force=true"),
        immutableConfigMap("two"));

    assertThat(state.phase()).as(state.message() + " " + state.results())
        .isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/frozen").message())
        .isEqualTo("configmap/frozen replaced");
    Manifest after = live(cluster, "frozen");
    assertThat(data(after, "k")).contains("two");
    assertThat(uid(after)).isNotEqualTo(before);
  }

  @Test
  void validateFalseLetsAnUnknownFieldThrough() {
    Manifest odd = configMap("default", "cfg").with("/spec",
        JsonObject.of("bogus", JsonString.of("x")));
    SimulatedCluster strict = SimulatedCluster.create();

    OperationState rejected = sync(strict, List.of(), odd);

    assertThat(rejected.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(rejected.message()).isEqualTo("one or more objects failed to apply (dry run)");
    assertThat(result(rejected, "/ConfigMap/default/cfg").message())
        .contains("strict decoding error: unknown field \"spec\"");
    assertThat(strict.get(CM, "default", "cfg")).isEmpty();

    SimulatedCluster lenient = SimulatedCluster.create();
    OperationState accepted = sync(lenient, List.of(),
        odd.withAnnotation(SyncOptions.ANNOTATION, "Validate=false"));
    assertThat(accepted.phase()).as(accepted.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(lenient.get(CM, "default", "cfg")).isPresent();

    SimulatedCluster ssa = SimulatedCluster.create();
    OperationState ssaRejected = sync(ssa, List.of("ServerSideApply=true"), odd);
    assertThat(result(ssaRejected, "/ConfigMap/default/cfg").message())
        .contains(".spec: field not declared in schema");
    // a server-side apply is strict whatever the field validation: Validate=false cannot help
    assertThat(sync(ssa, List.of("ServerSideApply=true", "Validate=false"), odd).phase())
        .isEqualTo(OperationPhase.FAILED);
  }

  @Test
  void respectIgnoreDifferencesKeepsLiveReplicas() {
    SimulatedCluster cluster = SimulatedCluster.create();
    ExecutorOptions options = options(cluster).withIgnoreRules(IgnoreRules.of(
        IgnoreRule.of("apps", "Deployment").withJsonPointers("/spec/replicas")));
    Manifest web = deployment("default", "web", 0, true);
    assertThat(sync(cluster, plan(List.of(), web), options).phase())
        .isEqualTo(OperationPhase.SUCCEEDED);
    cluster.edit(DEPLOY, "default", "web", root -> root.with("spec",
        root.getObject("spec").orElseThrow().with("replicas", JsonNumber.of(5))));

    OperationState kept = sync(cluster, plan(List.of("RespectIgnoreDifferences=true"), web),
        options);

    assertThat(kept.phase()).as(kept.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(replicas(cluster)).isEqualTo(5);

    OperationState reset = sync(cluster, plan(List.of(), web), options);
    assertThat(reset.phase()).as(reset.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(replicas(cluster)).isEqualTo(2);
  }

  private static long replicas(SimulatedCluster cluster) {
    JsonValue v = cluster.get(DEPLOY, "default", "web").orElseThrow().at("/spec/replicas")
        .orElseThrow();
    return ((JsonNumber) v).longValue();
  }

  @Test
  void dryRunOperationReportsTheWriteItWouldDo() {
    SimulatedCluster cluster = SimulatedCluster.create();
    sync(cluster, List.of(), configMap("default", "cfg"));
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        configMap("default", "cfg").with("/data/k", JsonString.of("v2")),
        configMap("default", "new"))).dryRun(true).build());

    OperationState state = sync(cluster, plan, options(cluster));

    assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/cfg").message())
        .isEqualTo("configmap/cfg configured (dry run)");
    assertThat(result(state, "/ConfigMap/default/new").message())
        .isEqualTo("configmap/new created (dry run)");
    assertThat(data(live(cluster, "cfg"), "k")).contains("v");
    assertThat(cluster.get(CM, "default", "new")).isEmpty();
  }

  // ---- resource tracking ----

  @Test
  void trackingMarksEveryWrittenObject() {
    SimulatedCluster cluster = SimulatedCluster.create();
    ExecutorOptions options = options(cluster).withTracking(ResourceTracking.annotation(SHOP,
        "default"));

    OperationState state = sync(cluster, plan(List.of(), configMap("default", "cfg")), options);

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(live(cluster, "cfg").annotation(ResourceTracking.TRACKING_ID))
        .contains("shop:/ConfigMap:default/cfg");

    ExecutorOptions labels = options(cluster).withTracking(ResourceTracking.annotation(SHOP,
        "default").withMethod(ResourceTracking.Method.LABEL));
    sync(cluster, plan(List.of(), configMap("default", "labelled")), labels);
    assertThat(live(cluster, "labelled").label(ResourceTracking.INSTANCE_LABEL))
        .contains(SHOP);
  }

  @Test
  void sharedResourceIsReportedAndTheLastSyncWins() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(tracked(configMap("default", "cfg"), BILLING), WriteOptions.defaults());
    ExecutorOptions options = options(cluster).withTracking(ResourceTracking.annotation(SHOP,
        "default"));

    OperationState state = sync(cluster, plan(List.of(), configMap("default", "cfg"),
        configMap("default", "own")), options);

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/cfg").message()).isEqualTo(
        "configmap/cfg configured. SharedResourceWarning: ConfigMap/cfg is part of"
            + " applications shop and billing");
    assertThat(result(state, "/ConfigMap/default/own").message())
        .isEqualTo("configmap/own created");
    assertThat(live(cluster, "cfg").annotation(ResourceTracking.TRACKING_ID))
        .contains("shop:/ConfigMap:default/cfg");
  }

  @Test
  void failOnSharedResourceFailsBeforeWritingAnything() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest theirs = cluster.create(tracked(configMap("default", "cfg"), BILLING),
        WriteOptions.defaults());
    ExecutorOptions options = options(cluster).withTracking(ResourceTracking.annotation(SHOP,
        "default"));

    OperationState state = sync(cluster, plan(List.of("FailOnSharedResource=true"),
        configMap("default", "cfg"), configMap("default", "own")), options);

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo(
        "Shared resource found: ConfigMap/cfg is part of applications shop and billing");
    assertThat(live(cluster, "cfg")).isEqualTo(theirs);
    assertThat(cluster.get(CM, "default", "own")).isEmpty();

    // an object only copied from another one (its id names another object) is not shared
    cluster.delete(CM, "default", "cfg", io.gitopskit.core.cluster.DeleteOptions.defaults());
    cluster.create(configMap("default", "cfg").withAnnotation(ResourceTracking.TRACKING_ID,
        "billing:/ConfigMap:default/original"), WriteOptions.defaults());
    OperationState copied = sync(cluster, plan(List.of("FailOnSharedResource=true"),
        configMap("default", "cfg")), options);
    assertThat(copied.phase()).as(copied.message()).isEqualTo(OperationPhase.SUCCEEDED);
  }

  @Test
  void neverPrunesAnObjectThisApplicationDoesNotTrack() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest mine = cluster.create(tracked(configMap("default", "mine"), SHOP),
        WriteOptions.defaults());
    Manifest theirs = cluster.create(tracked(configMap("default", "theirs"), BILLING),
        WriteOptions.defaults());
    Manifest nobodys = cluster.create(configMap("default", "nobodys"), WriteOptions.defaults());
    // a stale or wrong live list hands the planner objects that are not this application's
    SyncRequest request = SyncRequest.builder(ManifestSet.of(configMap("default", "cfg")))
        .live(List.of(mine, theirs, nobodys)).prune(true).build();
    ExecutorOptions options = options(cluster).withTracking(ResourceTracking.annotation(SHOP,
        "default"));

    OperationState dry = sync(cluster, SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        configMap("default", "cfg"))).live(List.of(mine, theirs, nobodys)).prune(true)
        .dryRun(true).build()), options);
    assertThat(result(dry, "/ConfigMap/default/theirs").status())
        .isEqualTo(ResultCode.PRUNE_SKIPPED);
    assertThat(result(dry, "/ConfigMap/default/mine").message()).isEqualTo("pruned (dry run)");

    OperationState state = sync(cluster, SyncPlanner.plan(request), options);

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(result(state, "/ConfigMap/default/mine").status()).isEqualTo(ResultCode.PRUNED);
    assertThat(result(state, "/ConfigMap/default/theirs")).satisfies(r -> {
      assertThat(r.status()).isEqualTo(ResultCode.PRUNE_SKIPPED);
      assertThat(r.message()).isEqualTo("ignored (part of application billing)");
    });
    assertThat(result(state, "/ConfigMap/default/nobodys").message())
        .isEqualTo("ignored (not tracked by this application)");
    assertThat(cluster.get(CM, "default", "mine")).isEmpty();
    assertThat(cluster.get(CM, "default", "theirs")).isPresent();
    assertThat(cluster.get(CM, "default", "nobodys")).isPresent();
  }

  @Test
  void pruneRechecksOwnershipAtDeleteTime() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest planned = cluster.create(tracked(configMap("default", "old"), SHOP),
        WriteOptions.defaults());
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        configMap("default", "cfg"))).live(List.of(planned)).prune(true).build());
    // between planning and running, another application takes the object over
    cluster.update(tracked(planned, BILLING), WriteOptions.defaults());

    OperationState state = sync(cluster, plan, options(cluster).withTracking(
        ResourceTracking.annotation(SHOP, "default")));

    assertThat(result(state, "/ConfigMap/default/old").status())
        .isEqualTo(ResultCode.PRUNE_SKIPPED);
    assertThat(cluster.get(CM, "default", "old")).isPresent();
  }
}
