package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.diff.ignore.IgnoreRuleException;
import io.gitopskit.core.diff.mask.SecretMasker;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a sync ({@link Execution}) and an application deletion ({@link Deletion}) share: the
 * per-resource results, retried cluster calls, hook bookkeeping, gitops-engine's wording for
 * waiting and termination, and the states they publish. Every result message goes through
 * {@link #put} or {@link #update}, which mask the values of a Secret.
 */
abstract class Operation implements ObjectWriter.Calls {

  /** A result's identity: the resource and the phase its step ran in. */
  record Slot(ResourceKey key, SyncPhase phase) {
    static Slot of(SyncStep s) {
      return new Slot(s.key(), s.phase());
    }
  }

  /** A hook's own phase and message, read from its health. */
  record HookState(OperationPhase phase, String message) {
  }

  /** gitops-engine's message while the tasks of a wave are run. */
  static final String TASKS_RUNNING = "one or more tasks are running";

  final SyncExecutor executor;
  final ClusterTarget target;
  final ExecutorOptions options;
  final Map<Slot, ResourceResult> results = new HashMap<>();
  final Instant startedAt;
  /** Whether this run continues a saved state (after a crash, or a confirmation). */
  final boolean resumed;
  /** Whether the saved state has results: gitops-engine's "started" (no second dry run). */
  final boolean started;
  /** The index of the first wave to run. */
  final int start;
  int lastCompleted;

  Operation(SyncExecutor executor, ClusterTarget target, ExecutorOptions options,
      Optional<OperationState> prior) {
    this.executor = executor;
    this.target = target;
    this.options = options;
    this.startedAt = prior.map(OperationState::startedAt)
        .orElseGet(() -> options.clock().instant());
    this.resumed = prior.isPresent();
    this.started = prior.map(s -> !s.results().isEmpty()).orElse(false);
    this.start = prior.map(s -> s.lastCompletedWave() + 1).orElse(0);
    this.lastCompleted = start - 1;
    prior.ifPresent(s -> s.results().forEach(r -> results.put(new Slot(r.key(), r.syncPhase()),
        r)));
  }

  /** How hooks are deleted (delete policies, BeforeHookCreation, termination). */
  abstract PropagationPolicy hookPropagation();

  /**
   * Writes a hook (after any live copy was deleted for BeforeHookCreation).
   *
   * @return the result message
   */
  abstract String writeHook(SyncStep.Hook hook) throws InterruptedException;

  /** Runs an apply or a prune. */
  abstract void apply(SyncStep step) throws InterruptedException;

  /**
   * Runs one step for real: a hook is adopted after a crash, or created (an existing one is
   * deleted first with BeforeHookCreation); a kept object is reported; the rest is {@link
   * #apply}. A failure is recorded as the step's result.
   *
   * @return false when the step failed
   */
  final boolean execute(SyncStep step) {
    try {
      if (step instanceof SyncStep.Hook h) {
        if (!adoptedAfterCrash(h)) {
          if (h.deletePolicies().contains(HookDeletePolicy.BEFORE_HOOK_CREATION)
              && live(h.manifest()).isPresent()) {
            delete(h.manifest(), DeleteOptions.propagation(hookPropagation()));
            awaitGone(h.manifest());
          }
          put(h, ResultCode.SYNCED, writeHook(h), OperationPhase.RUNNING);
        }
      } else if (step instanceof SyncStep.PruneSkipped skipped) {
        put(step, ResultCode.PRUNE_SKIPPED, skipped.reason(), OperationPhase.SUCCEEDED);
      } else {
        apply(step);
      }
      return true;
    } catch (ClusterException | IgnoreRuleException e) {
      failed(step, e);
      return false;
    } catch (InterruptedException e) {
      interrupted();
      return true;
    }
  }

  /**
   * Runs the steps of a wave in order, publishing after each; stops early when the operation
   * is terminated (the caller checks).
   *
   * @return false when a step failed
   */
  final boolean runWave(List<SyncStep> steps) {
    boolean ok = true;
    for (SyncStep step : steps) {
      if (executor.isTerminating()) {
        return ok;
      }
      ok &= execute(step);
      publish(OperationPhase.RUNNING, TASKS_RUNNING);
    }
    return ok;
  }

  // ---- cluster calls ----

  @Override
  public <T> T call(Supplier<T> action) throws InterruptedException {
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

  @Override
  public void awaitGone(Manifest m) throws InterruptedException {
    Instant deadline = options.clock().instant().plus(options.waveTimeout());
    while (live(m).isPresent()) {
      if (!options.clock().instant().isBefore(deadline) || executor.isTerminating()) {
        throw new ClusterException.Conflict("timed out waiting for deletion of " + ref(m));
      }
      options.waiter().await(options.pollInterval());
    }
  }

  /** The live copy of an object. */
  Optional<Manifest> live(Manifest m) throws InterruptedException {
    return call(() -> target.get(m.gvk(), m.namespace(), m.name()));
  }

  /** Deletes an object; one that is already gone is fine. */
  void delete(Manifest m, DeleteOptions delete) throws InterruptedException {
    try {
      call(() -> target.delete(m.gvk(), m.namespace(), m.name(), delete));
    } catch (ClusterException.NotFound gone) {
      // already deleted
    }
  }

  /** Marks the operation as terminating after an interrupt. */
  void interrupted() {
    Thread.currentThread().interrupt();
    executor.terminate();
  }

  // ---- results ----

  ResourceResult result(SyncStep s) {
    return results.get(Slot.of(s));
  }

  /** Records a step's result; a Secret's values never appear in the message. */
  void put(SyncStep s, ResultCode code, String message, OperationPhase phase) {
    results.put(Slot.of(s), new ResourceResult(s.key(), s.phase(), code, masked(s, message),
        phase, s instanceof SyncStep.Hook));
  }

  /**
   * Records a failed step: SyncFailed with the failure's message, in which the values of a
   * Secret, desired or live, are masked.
   */
  void failed(SyncStep s, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    Manifest m = s.manifest();
    if (SecretMasker.isSecret(m)) {
      try {
        Optional<Manifest> live = target.get(m.gvk(), m.namespace(), m.name());
        if (live.isPresent()) {
          message = SecretMasker.maskText(message, SecretMasker.secretValues(live.get()));
        }
      } catch (RuntimeException unreadable) {
        // the desired values are still masked by put
      }
    }
    put(s, ResultCode.SYNC_FAILED, message, OperationPhase.FAILED);
  }

  /** Moves a result to another phase; an empty message keeps the previous one, as upstream. */
  void update(SyncStep s, OperationPhase phase, String message) {
    Slot slot = Slot.of(s);
    ResourceResult r = results.get(slot);
    if (r != null) {
      results.put(slot, r.withHookPhase(phase, message.isEmpty() ? r.message()
          : masked(s, message)));
    }
  }

  /**
   * A message with every value of the step's Secret masked: the API server or an admission
   * webhook may echo them in an error.
   */
  static String masked(SyncStep s, String message) {
    return SecretMasker.isSecret(s.manifest())
        ? SecretMasker.maskText(message, SecretMasker.secretValues(s.manifest())) : message;
  }

  /**
   * The messages of the steps whose write failed (SyncFailed), in plan order: gitops-engine's
   * "reason".
   */
  List<String> syncFailedMessages(List<? extends SyncStep> steps) {
    List<String> out = new ArrayList<>();
    for (SyncStep s : steps) {
      ResourceResult r = result(s);
      if (r != null && r.status() == ResultCode.SYNC_FAILED) {
        out.add(r.message());
      }
    }
    return out;
  }

  /** {@code <message>, reason: <m1>,<m2>}, or the message alone without reasons. */
  static String withReasons(String message, List<String> reasons) {
    return reasons.isEmpty() ? message : message + ", reason: " + String.join(",", reasons);
  }

  // ---- hooks ----

  /** kubectl's message for a created object, e.g. {@code job.batch/migrate created}. */
  static String created(Manifest m) {
    return ObjectWriter.resource(m) + "/" + m.name() + " created";
  }

  /**
   * On resume, a live hook this operation already created (its result says so, or its
   * generated name, unique to this operation, is taken) is waited for, never created twice.
   *
   * @return true when the hook was adopted
   */
  boolean adoptedAfterCrash(SyncStep.Hook hook) throws InterruptedException {
    if (!resumed) {
      return false;
    }
    ResourceResult before = result(hook);
    boolean recorded = before != null && before.status() == ResultCode.SYNCED;
    if (!(hook.generatedName() || recorded) || live(hook.manifest()).isEmpty()) {
      return false;
    }
    if (!recorded) {
      put(hook, ResultCode.SYNCED, created(hook.manifest()), OperationPhase.RUNNING);
    }
    return true;
  }

  /** gitops-engine's {@code getOperationPhase}: a hook's phase from its live health. */
  HookState hookState(Manifest live) {
    Optional<HealthStatus> health = options.health().assess(live);
    if (health.isEmpty()) {
      return new HookState(OperationPhase.SUCCEEDED, live.name() + " created");
    }
    HealthCode code = health.get().code();
    String message = health.get().message();
    if (code == HealthCode.DEGRADED || code == HealthCode.UNKNOWN) {
      return new HookState(OperationPhase.FAILED, message);
    }
    if (code == HealthCode.HEALTHY) {
      return new HookState(OperationPhase.SUCCEEDED, message);
    }
    return new HookState(OperationPhase.RUNNING, message);
  }

  /**
   * Deletes the hooks that have a delete policy and a completed result. As in gitops-engine
   * the policy follows the outcome of the whole operation, not the hook's own: HookSucceeded
   * when the operation succeeds, HookFailed when it fails. A failed delete is recorded
   * ({@code Error}), it does not fail the operation.
   */
  void deleteHooks(List<? extends SyncStep> steps, HookDeletePolicy policy) {
    for (SyncStep s : steps) {
      ResourceResult r = result(s);
      if (!(s instanceof SyncStep.Hook h) || !h.deletePolicies().contains(policy) || r == null
          || !r.hookPhase().isCompleted()) {
        continue;
      }
      try {
        delete(s.manifest(), DeleteOptions.propagation(hookPropagation()));
      } catch (ClusterException e) {
        update(s, OperationPhase.ERROR, "failed to delete resource: " + e.getMessage());
      } catch (InterruptedException e) {
        interrupted();
        return;
      }
    }
  }

  // ---- waiting ----

  /** {@code group/kind/name}, as gitops-engine names a task in its messages. */
  static String ref(Manifest m) {
    return m.group() + "/" + m.kind() + "/" + m.name();
  }

  /**
   * gitops-engine's running message: {@code waiting for healthy state of g/k/n}, {@code waiting
   * for completion of hook g/k/n} or {@code waiting for deletion of g/k/n}, with {@code and N
   * more resources} (hooks: {@code hooks}).
   */
  static String waitingFor(List<? extends SyncStep> pending, boolean deletion) {
    SyncStep first = pending.get(0);
    boolean hook = first instanceof SyncStep.Hook;
    String what = deletion ? "deletion of" : hook ? "completion of hook" : "healthy state of";
    String message = "waiting for " + what + " " + ref(first.manifest());
    int more = pending.size() - 1;
    return more > 0 ? message + " and " + more + " more " + (hook ? "hooks" : "resources")
        : message;
  }

  // ---- termination ----

  /**
   * gitops-engine's {@code Terminate}: every hook still running is deleted ({@code Deleted});
   * the operation ends Failed "Operation terminated", or Error "Operation termination had
   * errors" when a hook could not be deleted.
   */
  OperationState terminated(List<? extends SyncStep> steps) {
    publish(OperationPhase.TERMINATING, "terminating");
    boolean ok = true;
    for (SyncStep s : steps) {
      ResourceResult r = result(s);
      if (!(s instanceof SyncStep.Hook) || r == null
          || r.hookPhase() != OperationPhase.RUNNING) {
        continue;
      }
      try {
        target.delete(s.manifest().gvk(), s.manifest().namespace(), s.manifest().name(),
            DeleteOptions.propagation(hookPropagation()));
        update(s, OperationPhase.SUCCEEDED, "Deleted");
      } catch (ClusterException.NotFound gone) {
        update(s, OperationPhase.SUCCEEDED, "Deleted");
      } catch (ClusterException e) {
        update(s, OperationPhase.FAILED, "Failed to delete: " + e.getMessage());
        ok = false;
      }
    }
    return ok ? finish(OperationPhase.FAILED, SyncExecutor.TERMINATED)
        : finish(OperationPhase.ERROR, SyncExecutor.TERMINATION_ERRORS);
  }

  // ---- states ----

  private OperationState state(OperationPhase phase, String message, Optional<Instant> end) {
    return new OperationState(phase, message, new ArrayList<>(results.values()), lastCompleted,
        startedAt, end);
  }

  OperationState publish(OperationPhase phase, String message) {
    OperationState s = state(phase, message, Optional.empty());
    executor.publish(s);
    return s;
  }

  OperationState finish(OperationPhase phase, String message) {
    OperationState s = state(phase, message, Optional.of(options.clock().instant()));
    executor.publish(s);
    return s;
  }
}
