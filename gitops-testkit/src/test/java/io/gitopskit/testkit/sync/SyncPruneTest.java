package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static io.gitopskit.testkit.sync.SyncExecutorTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResultCode;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pruning end to end: order, opt-outs, confirmation and the empty-desired-set guard. */
class SyncPruneTest {

  /** Records the order of real deletes: names, and names with the propagation policy. */
  static final class DeleteLog extends DelegatingTarget {
    final List<String> deleted = new ArrayList<>();
    final List<String> withPolicy = new ArrayList<>();

    DeleteLog(SimulatedCluster cluster) {
      super(cluster);
    }

    @Override
    public Manifest delete(GroupVersionKind gvk, String namespace, String name,
        DeleteOptions options) {
      Manifest out = super.delete(gvk, namespace, name, options);
      if (!options.dryRun()) {
        deleted.add(name);
        withPolicy.add(name + " " + options.propagation());
      }
      return out;
    }
  }

  static Manifest annotated(String name, String annotations) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  namespace: default\n  annotations: {" + annotations + "}\ndata: {k: v}\n");
  }

  static List<Manifest> live(SimulatedCluster cluster, Manifest... objects) {
    List<Manifest> out = new ArrayList<>();
    for (Manifest m : objects) {
      out.add(cluster.create(m, WriteOptions.defaults()));
    }
    return out;
  }

  @Test
  void prunesInReverseWaveOrderAndPruneLastAfterEverythingElse() {
    SimulatedCluster cluster = SimulatedCluster.create();
    List<Manifest> live = live(cluster,
        annotated("w0", "argocd.argoproj.io/sync-wave: '0'"),
        annotated("w1", "argocd.argoproj.io/sync-wave: '1'"),
        annotated("w2", "argocd.argoproj.io/sync-wave: '2'"),
        annotated("last", "argocd.argoproj.io/sync-options: PruneLast=true"));
    Manifest kept = annotated("kept", "argocd.argoproj.io/sync-wave: '5'");
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(kept)).live(live)
        .prune(true).build());
    DeleteLog target = new DeleteLog(cluster);

    OperationState state = new SyncExecutor().run(plan, target, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(target.deleted).containsExactly("w2", "w1", "w0", "last");
    assertThat(cluster.get(CM, "default", "kept")).isPresent();
    assertThat(state.results()).filteredOn(r -> r.status() == ResultCode.PRUNED)
        .extracting(r -> r.key().name()).containsExactlyInAnyOrder("w0", "w1", "w2", "last");
  }

  @Test
  void pruneFalseIsReportedAsSkippedAndTheObjectStays() {
    SimulatedCluster cluster = SimulatedCluster.create();
    List<Manifest> live = live(cluster,
        annotated("keep-me", "argocd.argoproj.io/sync-options: Prune=false"),
        configMap("default", "gone"));
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        configMap("default", "cfg"))).live(live).prune(true).build());

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(CM, "default", "keep-me")).isPresent();
    assertThat(cluster.get(CM, "default", "gone")).isEmpty();
    assertThat(state.result("/ConfigMap/default/keep-me", SyncPhase.SYNC).orElseThrow().status())
        .isEqualTo(ResultCode.PRUNE_SKIPPED);
  }

  @Test
  void pruneConfirmWaitsAndTheConfirmedPlanResumesAndPrunes() {
    SimulatedCluster cluster = SimulatedCluster.create();
    List<Manifest> live = live(cluster,
        annotated("precious", "argocd.argoproj.io/sync-options: Prune=confirm"));
    SyncRequest.Builder request = SyncRequest.builder(ManifestSet.of(configMap("default", "cfg")))
        .live(live).prune(true).operation("abc123", 1_700_000_000L);

    OperationState waiting = new SyncExecutor().run(SyncPlanner.plan(request.build()), cluster,
        options(cluster));

    assertThat(waiting.phase()).isEqualTo(OperationPhase.RUNNING);
    assertThat(waiting.message())
        .isEqualTo("Waiting for pruning confirmation of v1/ConfigMap/precious");
    assertThat(cluster.get(CM, "default", "precious")).as("not pruned before confirmation")
        .isPresent();
    assertThat(cluster.get(CM, "default", "cfg"))
        .as("as upstream, nothing of the wave runs before the confirmation").isEmpty();

    SyncPlan confirmed = SyncPlanner.plan(request.pruneConfirmed(true).build());
    OperationState done = new SyncExecutor().resume(confirmed, cluster, waiting,
        options(cluster));

    assertThat(done.phase()).as(done.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(CM, "default", "precious")).isEmpty();
    assertThat(cluster.get(CM, "default", "cfg")).isPresent();
    assertThat(done.result("/ConfigMap/default/precious", SyncPhase.SYNC).orElseThrow()
        .status()).isEqualTo(ResultCode.PRUNED);
  }

  @Test
  void anEmptyDesiredSetPrunesNothingUnlessAllowEmpty() {
    SimulatedCluster cluster = SimulatedCluster.create();
    List<Manifest> live = live(cluster, configMap("default", "a"), configMap("default", "b"));
    SyncRequest.Builder request = SyncRequest.builder(ManifestSet.of()).live(live).prune(true);

    OperationState refused = new SyncExecutor().run(SyncPlanner.plan(request.build()), cluster,
        options(cluster));

    assertThat(refused.phase()).isEqualTo(OperationPhase.ERROR);
    assertThat(cluster.get(CM, "default", "a")).isPresent();
    assertThat(cluster.get(CM, "default", "b")).isPresent();

    OperationState allowed = new SyncExecutor().run(
        SyncPlanner.plan(request.allowEmpty(true).build()), cluster, options(cluster));

    assertThat(allowed.phase()).as(allowed.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(cluster.get(CM, "default", "a")).isEmpty();
    assertThat(cluster.get(CM, "default", "b")).isEmpty();
  }
}
