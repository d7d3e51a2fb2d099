package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

  private static final ManifestSet DESIRED = PlanYaml.load("app-desired.yaml");
  private static final List<Manifest> LIVE = PlanYaml.load("app-live.yaml").asList();
  private static final ResourceKey WEB = ResourceKey.parse("apps/Deployment/shop/web");

  private static List<String> keys(List<? extends SyncStep> steps) {
    return steps.stream().map(s -> s.key().toString()).collect(Collectors.toList());
  }

  private static DiffResult inSync(Manifest m) {
    return new DiffResult(m.key(), DiffMethod.THREE_WAY, false, m.root(), m.root(), List.of());
  }

  @Test
  void applyOutOfSyncOnlyDropsInSyncResourcesButKeepsHooks() {
    Manifest web = DESIRED.get(WEB).orElseThrow();
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(DESIRED).live(LIVE)
        .diffs(Map.of(WEB, inSync(web)))
        .options(SyncOptions.parse(List.of("ApplyOutOfSyncOnly=true"))).build());
    assertThat(keys(plan.steps())).doesNotContain(WEB.toString())
        .contains("batch/Job/shop/smoke-test", "/Service/shop/web");
    SyncPlan all = SyncPlanner.plan(SyncRequest.builder(DESIRED).live(LIVE)
        .diffs(Map.of(WEB, inSync(web))).build());
    assertThat(keys(all.steps())).contains(WEB.toString());
  }

  @Test
  void selectiveSyncKeepsSelectedKeysAndRunsNoHooks() {
    ResourceKey oldWeb = ResourceKey.parse("apps/Deployment/shop/old-web");
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(DESIRED).live(LIVE).prune(true)
        .selection(Set.of(WEB, oldWeb)).build());
    // old-web is the only prune candidate: its wave 2 mirrors onto itself, after web's 0
    assertThat(keys(plan.steps())).containsExactly(WEB.toString(), oldWeb.toString());
    assertThat(plan.syncFailHooks()).isEmpty();
  }

  @Test
  void skipHooksLeavesOnlyResourcesAndPrunes() {
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(DESIRED).live(LIVE).skipHooks(true)
        .build());
    assertThat(plan.steps()).noneMatch(s -> s instanceof SyncStep.Hook);
    assertThat(plan.syncFailHooks()).isEmpty();
    assertThat(plan.steps(SyncPhase.PRE_SYNC)).isEmpty();
  }

  @Test
  void skippedIgnoredAndLiveHooksNeverAppearAndUntrackedAreNeverPruned() {
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(DESIRED).live(LIVE).prune(true)
        .build());
    assertThat(keys(plan.steps())).doesNotContain("/ConfigMap/shop/skipped",
        "batch/Job/shop/helm-test", "batch/Job/shop/db-migrate-old");
    SyncPlan none = SyncPlanner.plan(SyncRequest.builder(DESIRED).prune(true).build());
    assertThat(none.steps()).allMatch(s -> s instanceof SyncStep.Apply
        || s instanceof SyncStep.Hook);
  }

  @Test
  void hookWithSeveralTypesGetsOneStepPerPhaseWithItsOwnGeneratedName() {
    Manifest hook = io.gitopskit.core.load.ManifestLoader.defaults().loadYaml(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n"
            + "  namespace: shop\n  annotations:\n"
            + "    argocd.argoproj.io/hook: PreSync,PostSync\n", "hook").asList().get(0);
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(hook))
        .operation("ABCDEF0123", 42).build());
    assertThat(keys(plan.steps())).containsExactly("batch/Job/shop/migrate-abcdef0-presync-42",
        "batch/Job/shop/migrate-abcdef0-postsync-42");
    assertThat(plan.steps()).allSatisfy(s ->
        assertThat(((SyncStep.Hook) s).generatedName()).isTrue());
  }

  @Test
  void wipeOutIsRefusedAsDataAndDryRunIsCarried() {
    SyncPlan refused = SyncPlanner.plan(SyncRequest.builder(ManifestSet.empty()).live(LIVE)
        .prune(true).build());
    assertThat(refused.refusal()).contains(SyncPlan.WIPE_OUT);
    assertThat(SyncPlan.refused("x").isRefused()).isTrue();
    SyncPlan noPrune = SyncPlanner.plan(SyncRequest.builder(ManifestSet.empty()).live(LIVE)
        .dryRun(true).build());
    assertThat(noPrune.isRefused()).isFalse();
    assertThat(noPrune.dryRun()).isTrue();
    assertThat(noPrune.steps()).allMatch(s -> s instanceof SyncStep.PruneSkipped);
  }

  @Test
  void deterministic() {
    SyncRequest r = SyncRequest.builder(DESIRED).live(LIVE).prune(true).build();
    assertThat(SyncPlanner.plan(r)).isEqualTo(SyncPlanner.plan(r));
  }

  @Test
  void stepsValidate() {
    Manifest m = LIVE.get(0);
    assertThatThrownBy(() -> new SyncStep.Hook(m, SyncPhase.SYNC, HookType.SKIP, 0,
        Set.of(HookDeletePolicy.HOOK_FAILED), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncPlan(List.of(new SyncStep.Apply(m, SyncPhase.SYNC, 0,
        SyncOptions.defaults())), List.of(), java.util.Optional.of("no"), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
