package io.gitopskit.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link SyncPlanner#plan}: the ordered steps, the SyncFail hooks (run only when
 * the sync fails), or a refusal.
 *
 * @param steps every step of the PreSync, Sync and PostSync phases, in execution order
 * @param syncFailHooks the hooks of the SyncFail phase, in their own order
 * @param refusal why the planner refused to plan; empty for a plan
 * @param dryRun whether the plan is for a dry run
 * @since 0.1
 */
public record SyncPlan(List<SyncStep> steps, List<SyncStep.Hook> syncFailHooks,
    Optional<String> refusal, boolean dryRun) {

  /** Argo CD's message when a sync would delete every resource of the application. */
  public static final String WIPE_OUT = "auto-sync will wipe out all resources";

  /** Copies and checks that a refused plan has no steps. */
  public SyncPlan {
    steps = List.copyOf(steps);
    syncFailHooks = List.copyOf(syncFailHooks);
    Objects.requireNonNull(refusal, "refusal");
    if (refusal.isPresent() && !(steps.isEmpty() && syncFailHooks.isEmpty())) {
      throw new IllegalArgumentException("a refused plan has no steps");
    }
  }

  /**
   * A refusal: the planner will not plan this sync.
   *
   * @param reason why, e.g. {@link #WIPE_OUT}
   * @return a plan without steps
   */
  public static SyncPlan refused(String reason) {
    return new SyncPlan(List.of(), List.of(), Optional.of(reason), false);
  }

  /**
   * Whether the planner refused.
   *
   * @return true when {@link #refusal()} is present
   */
  public boolean isRefused() {
    return refusal.isPresent();
  }

  /**
   * The steps of one phase, in order.
   *
   * @param phase any phase; SyncFail gives the SyncFail hooks
   * @return the steps
   */
  public List<SyncStep> steps(SyncPhase phase) {
    List<SyncStep> out = new ArrayList<>();
    for (SyncStep s : phase == SyncPhase.SYNC_FAIL ? List.<SyncStep>copyOf(syncFailHooks)
        : steps) {
      if (s.phase() == phase) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }
}
