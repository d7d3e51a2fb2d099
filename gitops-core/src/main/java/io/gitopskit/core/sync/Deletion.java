package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of a {@link DeletionPlan}: the bookkeeping behind {@link SyncExecutor#delete}. Kept
 * apart from {@link Execution} (sync) on purpose: a deletion has no dry run, no SyncFail hooks
 * and its own messages.
 */
final class Deletion {

  /** The message of a deletion that finished. */
  static final String DELETED = "successfully deleted (no more tasks)";

  private record Slot(ResourceKey key, SyncPhase phase) {}

  private final SyncExecutor executor;
  private final DeletionPlan plan;
  private final ClusterTarget target;
  private final ExecutorOptions options;
  private final List<SyncExecutor.Wave> waves;
  private final Map<Slot, ResourceResult> results = new HashMap<>();
  private final Instant startedAt;
  private final boolean resumed;
  private final int start;
  private int lastCompleted;

  Deletion(SyncExecutor executor, DeletionPlan plan, ClusterTarget target,
      ExecutorOptions options, Optional<OperationState> prior) {
    this.executor = executor;
    this.plan = plan;
    this.target = target;
    this.options = options;
    this.waves = plan.waves();
    this.startedAt = prior.map(OperationState::startedAt)
        .orElseGet(() -> options.clock().instant());
    this.resumed = prior.isPresent();
    this.start = prior.map(s -> s.lastCompletedWave() + 1).orElse(0);
    this.lastCompleted = start - 1;
    prior.ifPresent(s -> s.results().forEach(r -> results.put(new Slot(r.key(), r.syncPhase()),
        r)));
  }

  OperationState run() {
    List<SyncStep.PruneAwaitingConfirmation> awaiting = plan.awaitingConfirmation();
    if (!awaiting.isEmpty()) {
      Manifest m = awaiting.get(0).manifest();
      return publish(OperationPhase.RUNNING, "Waiting for deletion confirmation of "
          + m.apiVersion() + "/" + m.kind() + "/" + m.name() + (awaiting.size() > 1 ? " and "
          + (awaiting.size() - 1) + " more resources" : ""));
    }
    publish(OperationPhase.RUNNING, "running");
    for (int i = start; i < waves.size(); i++) {
      SyncExecutor.Wave wave = waves.get(i);
      boolean failed = false;
      for (SyncStep step : wave.steps()) {
        if (executor.isTerminating()) {
          return terminated();
        }
        failed |= !execute(step);
        publish(OperationPhase.RUNNING, "running");
      }
      if (failed) {
        return fail(wave.phase() == SyncPhase.SYNC ? "one or more objects failed to delete"
            : "one or more " + wave.phase().wireName() + " hooks failed to start");
      }
      String problem = await(wave.steps());
      if (executor.isTerminating()) {
        return terminated();
      }
      if (problem != null) {
        return fail(problem);
      }
      lastCompleted = i;
      publish(OperationPhase.RUNNING, "running");
    }
    deleteHooks(HookDeletePolicy.HOOK_SUCCEEDED, OperationPhase.SUCCEEDED);
    return finish(OperationPhase.SUCCEEDED, DELETED);
  }

  // ---- steps ----

  /** Runs one step; false when it failed. */
  private boolean execute(SyncStep step) {
    try {
      if (step instanceof SyncStep.Hook) {
        createHook((SyncStep.Hook) step);
      } else if (step instanceof SyncStep.Prune) {
        deleteResource((SyncStep.Prune) step);
      } else if (step instanceof SyncStep.PruneSkipped) {
        put(step, ResultCode.PRUNE_SKIPPED, ((SyncStep.PruneSkipped) step).reason(),
            OperationPhase.SUCCEEDED);
      }
      return true;
    } catch (ClusterException e) {
      put(step, ResultCode.SYNC_FAILED, e.getMessage(), OperationPhase.FAILED);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.terminate();
      return true;
    }
  }

  private void createHook(SyncStep.Hook hook) throws InterruptedException {
    Manifest m = hook.manifest();
    Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
    ResourceResult before = results.get(new Slot(hook.key(), hook.phase()));
    if (live.isPresent() && resumed && (hook.generatedName()
        || (before != null && before.status() == ResultCode.SYNCED))) {
      // created by this deletion before a crash: wait for it, never create it twice
      if (before == null || before.status() != ResultCode.SYNCED) {
        put(hook, ResultCode.SYNCED, created(m), OperationPhase.RUNNING);
      }
      return;
    }
    if (live.isPresent() && hook.deletePolicies().contains(
        HookDeletePolicy.BEFORE_HOOK_CREATION)) {
      deleteQuietly(m);
      awaitGone(m);
    }
    call(() -> target.applyServerSide(m, new ApplyOptions(options.fieldManager(), true, false)));
    put(hook, ResultCode.SYNCED, created(m), OperationPhase.RUNNING);
  }

  private static String created(Manifest m) {
    return m.kind().toLowerCase(Locale.ROOT) + "/" + m.name() + " created";
  }

  private void deleteResource(SyncStep.Prune step) throws InterruptedException {
    Manifest m = step.manifest();
    Optional<String> uid = m.metadata().getString("uid");
    Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
    if (live.isPresent() && uid.isPresent()
        && !uid.equals(live.get().metadata().getString("uid"))) {
      // another object took the name since the plan was made: not the one the app tracked
      put(step, ResultCode.PRUNE_SKIPPED, "kept (replaced since the deletion was planned)",
          OperationPhase.SUCCEEDED);
      return;
    }
    if (live.isPresent() && !live.get().metadata().has("deletionTimestamp")) {
      DeleteOptions delete = DeleteOptions.propagation(step.propagationPolicy());
      try {
        call(() -> target.delete(m.gvk(), m.namespace(), m.name(),
            uid.map(delete::withPreconditionUid).orElse(delete)));
      } catch (ClusterException.NotFound gone) {
        // already deleted
      }
    }
    put(step, ResultCode.PRUNED, "deleted", live.isPresent() ? OperationPhase.RUNNING
        : OperationPhase.SUCCEEDED);
  }

  private void deleteQuietly(Manifest m) throws InterruptedException {
    try {
      call(() -> target.delete(m.gvk(), m.namespace(), m.name(),
          DeleteOptions.propagation(PropagationPolicy.BACKGROUND)));
    } catch (ClusterException.NotFound gone) {
      // already gone
    }
  }

  private void awaitGone(Manifest m) throws InterruptedException {
    Instant deadline = options.clock().instant().plus(options.waveTimeout());
    while (call(() -> target.get(m.gvk(), m.namespace(), m.name())).isPresent()) {
      if (!options.clock().instant().isBefore(deadline) || executor.isTerminating()) {
        throw new ClusterException.Conflict("timed out waiting for deletion of the existing "
            + "hook " + m.kind() + "/" + m.name());
      }
      options.waiter().await(options.pollInterval());
    }
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
        String what = (pending.get(0) instanceof SyncStep.Hook ? "completion of hook "
            : "deletion of ") + pending.get(0).key() + (pending.size() > 1 ? " and "
            + (pending.size() - 1) + " more resources" : "");
        if (!options.clock().instant().isBefore(deadline)) {
          for (SyncStep s : pending) {
            update(s, OperationPhase.FAILED, "timed out waiting for " + (s instanceof
                SyncStep.Hook ? "completion" : "deletion"));
          }
          return "timed out waiting for " + what;
        }
        if (executor.isTerminating()) {
          return null;
        }
        publish(OperationPhase.RUNNING, "waiting for " + what);
        options.waiter().await(options.pollInterval());
      }
    } catch (ClusterException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.terminate();
      return null;
    }
  }

  /** Polls one step; adds it to pending when not done; returns a failure message or null. */
  private String poll(SyncStep s, List<SyncStep> pending) throws InterruptedException {
    ResourceResult r = results.get(new Slot(s.key(), s.phase()));
    if (r == null || r.hookPhase() == OperationPhase.SUCCEEDED) {
      return null;
    }
    if (r.hookPhase().isCompleted()) {
      // failed before a crash and resumed: still a failure
      return s.key() + (s instanceof SyncStep.Hook ? " hook failed" : " failed to delete");
    }
    Manifest m = s.manifest();
    Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
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
    Optional<HealthStatus> health = options.health().assess(live.get());
    if (health.isEmpty() || health.get().code() == HealthCode.HEALTHY) {
      update(s, OperationPhase.SUCCEEDED, health.map(HealthStatus::message)
          .filter(t -> !t.isEmpty()).orElse(m.name() + " created"));
      return null;
    }
    HealthCode code = health.get().code();
    if (code == HealthCode.DEGRADED || code == HealthCode.UNKNOWN) {
      update(s, OperationPhase.FAILED, health.get().message());
      return s.key() + " hook failed";
    }
    pending.add(s);
    return null;
  }

  // ---- failure, termination, hooks ----

  private OperationState fail(String message) {
    deleteHooks(HookDeletePolicy.HOOK_FAILED, OperationPhase.FAILED);
    return finish(OperationPhase.FAILED, message);
  }

  private OperationState terminated() {
    publish(OperationPhase.TERMINATING, "terminating");
    for (SyncStep s : plan.steps()) {
      ResourceResult r = results.get(new Slot(s.key(), s.phase()));
      if (s instanceof SyncStep.Hook && r != null && r.hookPhase() == OperationPhase.RUNNING) {
        try {
          deleteQuietly(s.manifest());
        } catch (ClusterException | InterruptedException e) {
          // best effort
        }
        update(s, OperationPhase.FAILED, SyncExecutor.TERMINATED);
      }
    }
    return finish(OperationPhase.FAILED, SyncExecutor.TERMINATED);
  }

  /** Deletes the hooks with a policy whose own phase is the given one. */
  private void deleteHooks(HookDeletePolicy policy, OperationPhase phase) {
    for (SyncStep s : plan.steps()) {
      if (!(s instanceof SyncStep.Hook)
          || !((SyncStep.Hook) s).deletePolicies().contains(policy)) {
        continue;
      }
      ResourceResult r = results.get(new Slot(s.key(), s.phase()));
      if (r == null || r.hookPhase() != phase) {
        continue;
      }
      try {
        deleteQuietly(s.manifest());
      } catch (ClusterException | InterruptedException e) {
        // a hook left behind is reported by its result, not by failing the operation
      }
    }
  }

  // ---- bookkeeping ----

  private <T> T call(Supplier<T> action) throws InterruptedException {
    RetryPolicy retry = options.retry();
    for (int attempt = 0; ; attempt++) {
      try {
        return action.get();
      } catch (ClusterException e) {
        if (!e.isRetryable() || attempt >= retry.limit() || executor.isTerminating()) {
          throw e;
        }
        options.waiter().await(retry.backoff(attempt));
      }
    }
  }

  private void put(SyncStep s, ResultCode code, String message, OperationPhase phase) {
    results.put(new Slot(s.key(), s.phase()), new ResourceResult(s.key(), s.phase(), code,
        message, phase, s instanceof SyncStep.Hook));
  }

  private void update(SyncStep s, OperationPhase phase, String message) {
    Slot slot = new Slot(s.key(), s.phase());
    ResourceResult r = results.get(slot);
    if (r != null) {
      results.put(slot, r.withHookPhase(phase, message));
    }
  }

  private OperationState state(OperationPhase phase, String message, Optional<Instant> end) {
    return new OperationState(phase, message, new ArrayList<>(results.values()), lastCompleted,
        startedAt, end);
  }

  private OperationState publish(OperationPhase phase, String message) {
    OperationState s = state(phase, message, Optional.empty());
    executor.publish(s);
    return s;
  }

  private OperationState finish(OperationPhase phase, String message) {
    OperationState s = state(phase, message, Optional.of(options.clock().instant()));
    executor.publish(s);
    return s;
  }
}
