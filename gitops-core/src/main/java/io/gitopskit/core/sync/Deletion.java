package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of a {@link DeletionPlan}: the bookkeeping behind {@link SyncExecutor#delete}. It
 * shares results, hooks, waiting and termination with a sync ({@link Operation}) but not the
 * sync's state machine: a deletion has no dry run, no SyncFail hooks and its own messages.
 */
final class Deletion extends Operation {

  /** The message of a deletion that finished. */
  static final String DELETED = "successfully deleted (no more tasks)";

  private final DeletionPlan plan;
  private final List<SyncExecutor.Wave> waves;

  Deletion(SyncExecutor executor, DeletionPlan plan, ClusterTarget target,
      ExecutorOptions options, Optional<OperationState> prior) {
    super(executor, target, options, prior);
    this.plan = plan;
    this.waves = plan.waves();
  }

  /** Deletion hooks are deleted in the background, as Argo CD's controller does. */
  @Override
  PropagationPolicy hookPropagation() {
    return PropagationPolicy.BACKGROUND;
  }

  OperationState run() {
    List<SyncStep.PruneAwaitingConfirmation> awaiting = plan.awaitingConfirmation();
    if (!awaiting.isEmpty()) {
      Manifest m = awaiting.get(0).manifest();
      return publish(OperationPhase.RUNNING, "Waiting for deletion confirmation of "
          + m.apiVersion() + "/" + m.kind() + "/" + m.name() + (awaiting.size() > 1 ? " and "
          + (awaiting.size() - 1) + " more resources" : ""));
    }
    publish(OperationPhase.RUNNING, TASKS_RUNNING);
    for (int i = start; i < waves.size(); i++) {
      SyncExecutor.Wave wave = waves.get(i);
      boolean ok = runWave(wave.steps());
      if (executor.isTerminating()) {
        return terminated(plan.steps());
      }
      if (!ok) {
        return fail(wave.phase() == SyncPhase.SYNC ? "one or more objects failed to delete"
            : "one or more " + wave.phase().wireName() + " hooks failed to start");
      }
      String problem = await(wave.steps());
      if (executor.isTerminating()) {
        return terminated(plan.steps());
      }
      if (problem != null) {
        return fail(problem);
      }
      lastCompleted = i;
      publish(OperationPhase.RUNNING, TASKS_RUNNING);
    }
    deleteHooks(plan.steps(), HookDeletePolicy.HOOK_SUCCEEDED);
    return finish(OperationPhase.SUCCEEDED, DELETED);
  }

  // ---- steps ----

  @Override
  void apply(SyncStep step) throws InterruptedException {
    if (step instanceof SyncStep.Prune p) {
      deleteResource(p);
    }
  }

  /** Deletion hooks are applied server-side, forcing conflicts. */
  @Override
  String writeHook(SyncStep.Hook hook) throws InterruptedException {
    Manifest m = hook.manifest();
    call(() -> target.applyServerSide(m, new ApplyOptions(options.fieldManager(), true, false)));
    return created(m);
  }

  private void deleteResource(SyncStep.Prune step) throws InterruptedException {
    Manifest m = step.manifest();
    Optional<String> uid = m.metadata().getString("uid");
    Optional<Manifest> live = live(m);
    if (live.isPresent() && uid.isPresent()
        && !uid.equals(live.get().metadata().getString("uid"))) {
      // another object took the name since the plan was made: not the one the app tracked
      put(step, ResultCode.PRUNE_SKIPPED, "kept (replaced since the deletion was planned)",
          OperationPhase.SUCCEEDED);
      return;
    }
    if (live.isPresent() && !live.get().metadata().has("deletionTimestamp")) {
      DeleteOptions delete = DeleteOptions.propagation(step.propagationPolicy());
      delete(m, uid.map(delete::withPreconditionUid).orElse(delete));
    }
    put(step, ResultCode.PRUNED, "deleted", live.isPresent() ? OperationPhase.RUNNING
        : OperationPhase.SUCCEEDED);
  }

  // ---- waiting ----

  /** Polls until every hook of a wave completed and every deleted object is gone. */
  private String await(List<SyncStep> steps) {
    Instant deadline = options.clock().instant().plus(options.waveTimeout());
    try {
      while (true) {
        List<SyncStep> pending = new ArrayList<>();
        List<String> failedHooks = new ArrayList<>();
        String problem = null;
        for (SyncStep s : steps) {
          String p = poll(s, pending);
          if (p != null) {
            if (s instanceof SyncStep.Hook) {
              failedHooks.add(s.key().namespace() + "/" + s.key().name());
            } else if (problem == null) {
              problem = p;
            }
          }
        }
        if (!failedHooks.isEmpty()) {
          return steps.get(0).phase().wireName() + " hook(s) failed: "
              + String.join(", ", failedHooks);
        }
        if (problem != null) {
          return problem;
        }
        if (pending.isEmpty()) {
          return null;
        }
        boolean deleting = pending.get(0) instanceof SyncStep.Prune;
        String waiting = waitingFor(pending, deleting);
        if (!options.clock().instant().isBefore(deadline)) {
          for (SyncStep s : pending) {
            update(s, OperationPhase.FAILED, "timed out " + waitingFor(List.of(s), deleting));
          }
          return "timed out " + waiting;
        }
        if (executor.isTerminating()) {
          return null;
        }
        publish(OperationPhase.RUNNING, waiting);
        options.waiter().await(options.pollInterval());
      }
    } catch (ClusterException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      interrupted();
      return null;
    }
  }

  /** Polls one step; adds it to pending when not done; returns a failure message or null. */
  private String poll(SyncStep s, List<SyncStep> pending) throws InterruptedException {
    ResourceResult r = result(s);
    if (r == null || r.hookPhase() == OperationPhase.SUCCEEDED) {
      return null;
    }
    if (r.hookPhase().isCompleted()) {
      // failed before a crash and resumed: still a failure
      return s.key() + (s instanceof SyncStep.Hook ? " hook failed" : " failed to delete");
    }
    Manifest m = s.manifest();
    Optional<Manifest> live = live(m);
    if (s instanceof SyncStep.Prune) {
      Optional<String> uid = m.metadata().getString("uid");
      if (live.isEmpty() || uid.isPresent() && !uid.equals(live.get().metadata()
          .getString("uid"))) {
        update(s, OperationPhase.SUCCEEDED, "deleted");
      } else {
        pending.add(s);
      }
      return null;
    }
    if (live.isEmpty()) {
      pending.add(s);
      return null;
    }
    HookState state = hookState(live.get());
    update(s, state.phase(), state.message());
    if (state.phase() == OperationPhase.FAILED) {
      return s.key() + " hook failed";
    }
    if (state.phase() == OperationPhase.RUNNING) {
      pending.add(s);
    }
    return null;
  }

  // ---- failure ----

  private OperationState fail(String message) {
    deleteHooks(plan.steps(), HookDeletePolicy.HOOK_FAILED);
    return finish(OperationPhase.FAILED, message);
  }
}
