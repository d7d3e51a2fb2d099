package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeletionPlannerTest {

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  static Manifest object(String apiVersion, String kind, String ns, String name, int wave,
      String... annotations) {
    StringBuilder a = new StringBuilder("argocd.argoproj.io/sync-wave: '" + wave + "'");
    for (int i = 0; i < annotations.length; i += 2) {
      a.append(", '").append(annotations[i]).append("': '").append(annotations[i + 1])
          .append("'");
    }
    return yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name
        + (ns.isEmpty() ? "" : ", namespace: " + ns) + ", uid: u-" + name
        + ", annotations: {" + a + "}}\n");
  }

  static Manifest hook(String name, String hook, String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "argocd.argoproj.io/hook";
    all[1] = hook;
    System.arraycopy(more, 0, all, 2, more.length);
    return object("batch/v1", "Job", "shop", name, 0, all);
  }

  private static List<String> describe(DeletionPlan plan) {
    return plan.steps().stream().map(s -> s.phase().wireName() + "/" + s.wave() + " "
        + s.getClass().getSimpleName() + " " + s.key()).collect(Collectors.toList());
  }

  @Test
  void preDeleteHooksThenResourcesHighestWaveFirstThenPostDeleteHooks() {
    List<Manifest> live = List.of(
        object("v1", "Namespace", "", "shop", 0),
        object("v1", "ConfigMap", "shop", "cfg", 0),
        object("apps/v1", "Deployment", "shop", "web", 1),
        object("v1", "Service", "shop", "web", 1),
        object("v1", "ConfigMap", "shop", "late", 3));
    ManifestSet desired = ManifestSet.of(hook("backup", "PreDelete"),
        hook("goodbye", "PostDelete"), hook("migrate", "PreSync"),
        object("v1", "ConfigMap", "shop", "cfg", 0));

    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(live).desired(desired)
        .build());

    assertThat(describe(plan)).containsExactly(
        "PreDelete/0 Hook batch/Job/shop/backup",
        "Sync/3 Prune /ConfigMap/shop/late",
        "Sync/1 Prune apps/Deployment/shop/web",
        "Sync/1 Prune /Service/shop/web",
        "Sync/0 Prune /ConfigMap/shop/cfg",
        "Sync/0 Prune /Namespace//shop",
        "PostDelete/0 Hook batch/Job/shop/goodbye");
    assertThat(plan.waves()).extracting(w -> w.phase().wireName() + "/" + w.wave())
        .containsExactly("PreDelete/0", "Sync/3", "Sync/1", "Sync/0", "PostDelete/0");
    assertThat(plan.steps(SyncPhase.SYNC)).allSatisfy(s -> assertThat(
        ((SyncStep.Prune) s).propagationPolicy()).isEqualTo(PropagationPolicy.FOREGROUND));
    assertThat(plan.awaitingConfirmation()).isEmpty();
  }

  @Test
  void onlyTrackedLiveObjectsAreEverDeleted() {
    Manifest tracked = object("v1", "ConfigMap", "shop", "mine", 0);
    ManifestSet desired = ManifestSet.of(object("v1", "ConfigMap", "shop", "mine", 0),
        object("v1", "ConfigMap", "shop", "desired-but-not-live", 0));

    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(List.of(tracked))
        .desired(desired).build());

    assertThat(plan.steps()).extracting(s -> s.key().toString())
        .containsExactly("/ConfigMap/shop/mine");
    assertThat(plan.steps().get(0).manifest()).isSameAs(tracked);
  }

  @Test
  void crdsDeleteFalseAndHelmKeepStayConfirmHoldsBack() {
    List<Manifest> live = List.of(
        object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "ws.example.io", 0),
        object("v1", "ConfigMap", "shop", "keep", 0, "argocd.argoproj.io/sync-options",
            "Delete=false"),
        object("v1", "ConfigMap", "shop", "helm", 0, "helm.sh/resource-policy", "keep"),
        object("v1", "Secret", "shop", "ask", 0, "argocd.argoproj.io/sync-options",
            "Prune=false,Delete=confirm"));

    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(live)
        .propagationPolicy(PropagationPolicy.BACKGROUND).build());

    assertThat(plan.steps(SyncPhase.SYNC)).extracting(s -> s.key().name() + " "
        + (s instanceof SyncStep.PruneSkipped p ? p.reason() : s.getClass().getSimpleName()))
        .containsExactlyInAnyOrder("ws.example.io " + DeletionPlan.KEPT_CRD,
            "keep " + DeletionPlan.KEPT_DELETE_FALSE,
            "helm " + DeletionPlan.KEPT_RESOURCE_POLICY,
            "ask PruneAwaitingConfirmation");
    assertThat(plan.awaitingConfirmation()).extracting(s -> s.key().name())
        .containsExactly("ask");

    DeletionPlan confirmed = DeletionPlanner.plan(DeletionRequest.builder(live)
        .propagationPolicy(PropagationPolicy.BACKGROUND).deletionConfirmed(true).build());
    assertThat(confirmed.awaitingConfirmation()).isEmpty();
    assertThat(confirmed.steps()).filteredOn(s -> s instanceof SyncStep.Prune)
        .singleElement().satisfies(s -> {
          assertThat(s.key().name()).isEqualTo("ask");
          assertThat(((SyncStep.Prune) s).propagationPolicy())
              .isEqualTo(PropagationPolicy.BACKGROUND);
        });
  }

  @Test
  void helmDeleteHooksCountAndGeneratedNamesAndDefaultPolicies() {
    Manifest helm = yaml("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: drop-\n"
        + "  namespace: shop\n  annotations: {helm.sh/hook: 'post-install,pre-delete'}\n");
    Manifest both = hook("both", "PreDelete,PostDelete", "argocd.argoproj.io/hook-delete-policy",
        "HookFailed");

    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(List.of())
        .desired(ManifestSet.of(helm, both)).operation("ABCDEF123", 1700000000L).build());

    assertThat(plan.steps()).extracting(s -> s.phase().wireName() + " " + s.key().name())
        .containsExactly("PreDelete both", "PreDelete drop-abcdef1-predelete-1700000000",
            "PostDelete both");
    SyncStep.Hook generated = (SyncStep.Hook) plan.steps().get(1);
    assertThat(generated.generatedName()).isTrue();
    assertThat(generated.type()).isEqualTo(HookType.PRE_DELETE);
    assertThat(generated.deletePolicies()).containsExactlyInAnyOrder(
        HookDeletePolicy.BEFORE_HOOK_CREATION, HookDeletePolicy.HOOK_SUCCEEDED);
    assertThat(((SyncStep.Hook) plan.steps().get(0)).deletePolicies())
        .containsExactly(HookDeletePolicy.HOOK_FAILED);
    assertThat(DeletionPlanner.plan(DeletionRequest.builder(List.of())
        .desired(ManifestSet.of(helm, both)).skipHooks(true).build()).steps()).isEmpty();
  }

  @Test
  void aPolicyNeitherAnnotationKnowsLeavesTheDeletionHookDefaults() {
    // Argo CD reads its own annotation with Argo spellings only: a Helm spelling there is no
    // policy at all, so the deletion hook keeps its defaults
    Manifest h = hook("clean", "PreDelete", "argocd.argoproj.io/hook-delete-policy",
        "hook-succeeded");

    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(List.of())
        .desired(ManifestSet.of(h)).build());

    assertThat(((SyncStep.Hook) plan.steps().get(0)).deletePolicies()).containsExactlyInAnyOrder(
        HookDeletePolicy.BEFORE_HOOK_CREATION, HookDeletePolicy.HOOK_SUCCEEDED);
  }

  @Test
  void aLiveObjectThatIsAPlannedHookIsLeftToTheHookStep() {
    Manifest liveHook = hook("backup", "PreDelete");
    DeletionPlan plan = DeletionPlanner.plan(DeletionRequest.builder(List.of(liveHook))
        .desired(ManifestSet.of(hook("backup", "PreDelete"))).build());
    assertThat(describe(plan)).containsExactly("PreDelete/0 Hook batch/Job/shop/backup");
  }

  @Test
  void deletionHooksNeverRunInASync() {
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
        hook("backup", "PreDelete"), hook("bye", "PostDelete,PreSync"),
        object("batch/v1", "Job", "shop", "helm", 0, "helm.sh/hook", "pre-delete"),
        object("v1", "ConfigMap", "shop", "cfg", 0))).build());

    assertThat(plan.steps()).extracting(s -> s.phase().wireName() + " " + s.key().name())
        .containsExactly("PreSync bye", "Sync cfg");
    assertThat(HookType.parse("PreDelete")).contains(HookType.PRE_DELETE);
    assertThat(HookType.POST_DELETE.phase()).contains(SyncPhase.POST_DELETE);
    assertThat(SyncPhase.PRE_DELETE.isRegular()).isFalse();
    assertThat(SyncPhase.POST_SYNC.isRegular()).isTrue();
  }

  @Test
  void aDeletionPlanRefusesSyncSteps() {
    Manifest cm = object("v1", "ConfigMap", "shop", "cfg", 0);
    assertThatThrownBy(() -> new DeletionPlan(List.of(new SyncStep.Apply(cm, SyncPhase.SYNC, 0,
        SyncOptions.defaults())))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/ConfigMap/shop/cfg");
    assertThatThrownBy(() -> new DeletionPlan(List.of(new SyncStep.Hook(cm,
        SyncPhase.PRE_SYNC, HookType.PRE_SYNC, 0, java.util.Set.of(
            HookDeletePolicy.HOOK_SUCCEEDED), false))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new DeletionPlan(List.of()).waves()).isEmpty();
  }
}
