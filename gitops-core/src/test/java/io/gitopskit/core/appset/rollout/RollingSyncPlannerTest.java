package io.gitopskit.core.appset.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.cluster.LabelSelector.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RollingSyncPlannerTest {

  private static RolloutStep step(String env, String maxUpdate) {
    return new RolloutStep(List.of(new LabelSelector.Requirement("env", Operator.IN, Set.of(env))),
        maxUpdate);
  }

  private static final List<RolloutStep> DEV_STAGING_PROD = List.of(step("dev", ""),
      step("staging", ""), step("prod", "50%"));

  private static RolloutApp app(String name, String env, boolean done) {
    return new RolloutApp(name, Map.of("env", env), done, done, done ? "new" : "old", "new", false);
  }

  @Test
  void devThenStagingThenProd_eachStepWaitsForThePreviousToBeSyncedAndHealthy() {
    List<RolloutApp> apps = new ArrayList<>(List.of(app("dev-1", "dev", false),
        app("staging-1", "staging", false), app("prod-1", "prod", false),
        app("prod-2", "prod", false), app("prod-3", "prod", false), app("prod-4", "prod", false)));
    RolloutDecision d1 = RollingSyncPlanner.plan(DEV_STAGING_PROD, apps);
    assertThat(d1.syncNow()).containsExactly("dev-1");
    assertThat(d1.currentStep()).isEqualTo(1);
    assertThat(d1.statuses().get("staging-1").state()).isEqualTo(RolloutDecision.State.WAITING);

    // dev synced at the new revision but not yet healthy: still progressing, staging waits
    apps.set(0, new RolloutApp("dev-1", Map.of("env", "dev"), true, false, "new", "new", false));
    RolloutDecision d2 = RollingSyncPlanner.plan(DEV_STAGING_PROD, apps);
    assertThat(d2.syncNow()).isEmpty();
    assertThat(d2.statuses().get("dev-1").state()).isEqualTo(RolloutDecision.State.PROGRESSING);

    apps.set(0, app("dev-1", "dev", true));
    RolloutDecision d3 = RollingSyncPlanner.plan(DEV_STAGING_PROD, apps);
    assertThat(d3.syncNow()).containsExactly("staging-1");
    assertThat(d3.currentStep()).isEqualTo(2);

    apps.set(1, app("staging-1", "staging", true));
    RolloutDecision d4 = RollingSyncPlanner.plan(DEV_STAGING_PROD, apps);
    assertThat(d4.syncNow()).as("50% of 4").containsExactly("prod-1", "prod-2");

    apps.set(2, new RolloutApp("prod-1", Map.of("env", "prod"), false, false, "old", "new", true));
    apps.set(3, app("prod-2", "prod", true));
    RolloutDecision d5 = RollingSyncPlanner.plan(DEV_STAGING_PROD, apps);
    assertThat(d5.syncNow()).as("one in flight, one slot").containsExactly("prod-3");
  }

  @Test
  void oldRevision_isNotDone_evenWhenSyncedAndHealthy() {
    RolloutApp stale = new RolloutApp("dev-1", Map.of("env", "dev"), true, true, "old", "new",
        false);
    RolloutDecision d = RollingSyncPlanner.plan(DEV_STAGING_PROD,
        List.of(stale, app("staging-1", "staging", false)));
    assertThat(d.syncNow()).containsExactly("dev-1");
  }

  @Test
  void maxUpdate_countsPercentagesAndTheManualGate() {
    assertThat(RollingSyncPlanner.limit("", 7)).isEqualTo(7);
    assertThat(RollingSyncPlanner.limit("2", 7)).isEqualTo(2);
    assertThat(RollingSyncPlanner.limit("10%", 7)).as("rounds down, at least one").isEqualTo(1);
    assertThat(RollingSyncPlanner.limit("50%", 7)).isEqualTo(3);
    assertThat(RollingSyncPlanner.limit("0%", 7)).isZero();
    RolloutDecision gated = RollingSyncPlanner.plan(List.of(step("dev", "0")),
        List.of(app("dev-1", "dev", false)));
    assertThat(gated.syncNow()).isEmpty();
  }

  @Test
  void membership_firstStepWins_notInMatchesAbsentLabel_unselectedAreReported() {
    RolloutStep notProd = new RolloutStep(List.of(new LabelSelector.Requirement("env",
        Operator.NOT_IN, Set.of("prod"))), "");
    List<RolloutStep> steps = List.of(step("dev", ""), notProd);
    RolloutApp both = app("dev-1", "dev", false);
    RolloutApp unlabelled = new RolloutApp("tool", Map.of(), false, false, "", "new", false);
    RolloutApp prod = app("prod-1", "prod", false);
    RolloutDecision d = RollingSyncPlanner.plan(steps, List.of(both, unlabelled, prod));
    assertThat(d.statuses().get("dev-1").step()).isEqualTo(1);
    assertThat(d.statuses().get("tool").step()).isEqualTo(2);
    assertThat(d.statuses()).doesNotContainKey("prod-1");
    assertThat(d.warnings()).anyMatch(w -> w.contains("dev-1 is selected by 2 steps"))
        .anyMatch(w -> w.contains("prod-1 is in no step"));
  }

  @Test
  void invalidConfigurations_syncNothing() {
    assertThat(RollingSyncPlanner.plan(List.of(), List.of(app("a", "dev", false))).invalid())
        .isEqualTo("No steps defined for rollout");
    RolloutStep exists = new RolloutStep(List.of(new LabelSelector.Requirement("env",
        Operator.EXISTS, Set.of())), "");
    RolloutDecision d = RollingSyncPlanner.plan(List.of(exists), List.of(app("a", "dev", false)));
    assertThat(d.invalid()).contains("only In and NotIn");
    assertThat(d.syncNow()).isEmpty();
  }

  @Test
  void emptyStep_isSkippedAndReported() {
    RolloutDecision d = RollingSyncPlanner.plan(DEV_STAGING_PROD,
        List.of(app("prod-1", "prod", false)));
    assertThat(d.syncNow()).containsExactly("prod-1");
    assertThat(d.warnings()).anyMatch(w -> w.contains("step 1 selects no application"));
  }
}
