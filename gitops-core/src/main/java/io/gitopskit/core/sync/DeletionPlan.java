package io.gitopskit.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link DeletionPlanner#plan}: how an application's resources are deleted.
 *
 * <p>The steps run in this order: the {@link SyncPhase#PRE_DELETE} hooks ({@link
 * SyncStep.Hook}), wave by wave; then the resources, highest sync wave first, each wave deleted
 * together ({@link SyncStep.Prune}) and gone before the next starts, with the objects that stay
 * ({@link SyncStep.PruneSkipped}) listed in their wave; then the {@link SyncPhase#POST_DELETE}
 * hooks, wave by wave. Resource steps have phase {@link SyncPhase#SYNC} and keep their own
 * sync wave, so waves fall within that phase.
 *
 * @param steps every step, in execution order
 * @since 0.1
 */
public record DeletionPlan(List<SyncStep> steps) {

  /** The reason for an object marked {@code argocd.argoproj.io/sync-options: Delete=false}. */
  public static final String KEPT_DELETE_FALSE = "kept (Delete=false)";
  /** The reason for an object marked {@code helm.sh/resource-policy: keep}. */
  public static final String KEPT_RESOURCE_POLICY = "kept (helm.sh/resource-policy: keep)";
  /** The reason for a CRD: as in Argo CD, deleting an application never deletes a CRD. */
  public static final String KEPT_CRD = "kept (CustomResourceDefinition)";

  /**
   * Copies and checks that every step is a deletion hook, a delete or a kept object.
   *
   * @throws IllegalArgumentException for an apply, a sync hook or a SyncFail hook
   */
  public DeletionPlan {
    steps = List.copyOf(steps);
    for (SyncStep s : steps) {
      if (s instanceof SyncStep.Apply
          || s instanceof SyncStep.Hook h && !h.type().isDeletionHook()) {
        throw new IllegalArgumentException("a deletion plan has no " + s.getClass()
            .getSimpleName() + " step: " + s.key());
      }
    }
  }

  /**
   * The steps of one phase, in order.
   *
   * @param phase PreDelete, PostDelete, or Sync for the resources
   * @return the steps
   */
  public List<SyncStep> steps(SyncPhase phase) {
    List<SyncStep> out = new ArrayList<>();
    for (SyncStep s : steps) {
      if (s.phase() == phase) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The objects marked {@code Delete=confirm} that wait for {@link
   * DeletionRequest#deletionConfirmed()}; while any does, nothing runs.
   *
   * @return the waiting steps, in plan order
   */
  public List<SyncStep.PruneAwaitingConfirmation> awaitingConfirmation() {
    List<SyncStep.PruneAwaitingConfirmation> out = new ArrayList<>();
    for (SyncStep s : steps) {
      if (s instanceof SyncStep.PruneAwaitingConfirmation w) {
        out.add(w);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The waves of the plan in execution order; an {@link OperationState#lastCompletedWave()} of
   * a deletion indexes this list.
   *
   * @return consecutive steps of equal phase and wave, grouped
   */
  public List<SyncExecutor.Wave> waves() {
    return SyncExecutor.waves(new SyncPlan(steps, List.of(), Optional.empty(), false));
  }
}
