package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.diff.ignore.IgnoreRuleException;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** One run of a plan: the mutable bookkeeping behind {@link SyncExecutor}. */
final class Execution implements ObjectWriter.Calls {

  private record Slot(ResourceKey key, SyncPhase phase) {}

  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  private final SyncExecutor executor;
  private final SyncPlan plan;
  private final ClusterTarget target;
  private final ExecutorOptions options;
  private final List<SyncExecutor.Wave> waves;
  private final Map<Slot, ResourceResult> results = new HashMap<>();
  private final ObjectWriter writer;
  /** Shared-resource messages of the objects another application claims. */
  private final Map<ResourceKey, String> shared = new HashMap<>();
  /** What each dry-run write reported, for a dry-run operation's results. */
  private final Map<Slot, String> dryRunMessages = new HashMap<>();
  private final Instant startedAt;
  private final int start;
  private final boolean resumed;
  private int lastCompleted;

  Execution(SyncExecutor executor, SyncPlan plan, ClusterTarget target, ExecutorOptions options,
      Optional<OperationState> prior) {
    this.executor = executor;
    this.plan = plan;
    this.target = target;
    this.options = options;
    this.writer = new ObjectWriter(target, options, this);
    this.waves = SyncExecutor.waves(plan);
    this.startedAt = prior.map(OperationState::startedAt).orElseGet(() -> options.clock()
        .instant());
    this.start = prior.map(s -> s.lastCompletedWave() + 1).orElse(0);
    this.resumed = prior.isPresent();
    this.lastCompleted = start - 1;
    prior.ifPresent(s -> s.results().forEach(r -> results.put(new Slot(r.key(), r.syncPhase()),
        r)));
  }

  OperationState run() {
    if (plan.isRefused()) {
      return finish(OperationPhase.ERROR, plan.refusal().orElseThrow());
    }
    publish(OperationPhase.RUNNING, "running");
    String sharedFailure = checkSharedResources();
    if (sharedFailure != null) {
      return finish(OperationPhase.FAILED, SyncExecutor.SHARED_RESOURCE_FOUND + sharedFailure);
    }
    if (!dryRunAll()) {
      return finish(OperationPhase.FAILED, "one or more objects failed to apply (dry run)");
    }
    if (plan.dryRun()) {
      return dryRunResults();
    }
    for (int i = start; i < waves.size(); i++) {
      SyncExecutor.Wave wave = waves.get(i);
      boolean failed = false;
      List<String> awaiting = new ArrayList<>();
      for (SyncStep step : wave.steps()) {
        if (executor.isTerminating()) {
          return terminated();
        }
        if (step instanceof SyncStep.PruneAwaitingConfirmation) {
          awaiting.add(step.manifest().apiVersion() + "/" + step.manifest().kind() + "/"
              + step.manifest().name());
          continue;
        }
        failed |= !execute(step);
        publish(OperationPhase.RUNNING, "running");
      }
      if (failed) {
        return fail("one or more objects failed to apply");
      }
      if (!awaiting.isEmpty()) {
        return publish(OperationPhase.RUNNING, "Waiting for pruning confirmation of "
            + awaiting.get(0) + (awaiting.size() > 1 ? " and " + (awaiting.size() - 1)
            + " more resources" : ""));
      }
      String problem = await(wave.steps());
      if (executor.isTerminating()) {
        return terminated();
      }
      if (problem != null) {
        return fail("one or more synchronization tasks completed unsuccessfully, reason: "
            + problem);
      }
      lastCompleted = i;
      publish(OperationPhase.RUNNING, "running");
    }
    deleteHooks(plan.steps(), HookDeletePolicy.HOOK_SUCCEEDED, OperationPhase.SUCCEEDED);
    return finish(OperationPhase.SUCCEEDED, "successfully synced (no more tasks)");
  }

  // ---- shared resources ----

  /**
   * Finds the objects another application claims (with tracking): each is reported with its
   * result; returns the first message when one of them has {@code FailOnSharedResource=true}.
   */
  private String checkSharedResources() {
    if (options.tracking().isEmpty()) {
      return null;
    }
    String failure = null;
    for (int i = start; i < waves.size(); i++) {
      for (SyncStep s : waves.get(i).steps()) {
        if (!(s instanceof SyncStep.Apply || s instanceof SyncStep.Hook)
            || shared.containsKey(s.key())) {
          continue;
        }
        Optional<String> message;
        try {
          message = writer.sharedWith(s.manifest());
        } catch (ClusterException e) {
          continue; // unreadable here: the dry run reads it again and reports a failure
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          executor.terminate();
          return failure;
        }
        if (message.isPresent()) {
          shared.put(s.key(), message.get());
          if (failure == null && ObjectWriter.optionsOf(s).failOnSharedResource()) {
            failure = message.get();
          }
        }
      }
    }
    return failure;
  }

  private String withSharedWarning(SyncStep s, String message) {
    String warning = shared.get(s.key());
    return warning == null ? message
        : message + ". " + SyncExecutor.SHARED_RESOURCE_WARNING + ": " + warning;
  }

  // ---- dry run ----

  private boolean dryRunAll() {
    Set<String> createdNamespaces = new HashSet<>();
    for (SyncStep s : plan.steps()) {
      if (s instanceof SyncStep.Apply && s.manifest().kind().equals("Namespace")
          && s.manifest().group().isEmpty()) {
        createdNamespaces.add(s.manifest().name());
      }
    }
    Set<String> createdKinds = new HashSet<>();
    for (SyncStep s : plan.steps()) {
      Manifest m = s.manifest();
      if (s instanceof SyncStep.Apply && m.kind().equals("CustomResourceDefinition")
          && m.group().equals("apiextensions.k8s.io")) {
        String group = m.at("/spec/group").map(v -> v instanceof io.gitopskit.core.json
            .JsonString js ? js.value() : "").orElse("");
        String kind = m.at("/spec/names/kind").map(v -> v instanceof io.gitopskit.core.json
            .JsonString js ? js.value() : "").orElse("");
        createdKinds.add(group + "/" + kind);
      }
    }
    boolean ok = true;
    for (int i = start; i < waves.size(); i++) {
      for (SyncStep s : waves.get(i).steps()) {
        if (!(s instanceof SyncStep.Apply || s instanceof SyncStep.Hook)) {
          continue;
        }
        Manifest m = s.manifest();
        try {
          if (!m.namespace().isEmpty() && createdNamespaces.contains(m.namespace())
              && call(() -> target.get(NAMESPACE, "", m.namespace())).isEmpty()) {
            continue; // its namespace is created by this sync; the server cannot check it yet
          }
          boolean skipWhenMissing = createdKinds.contains(m.group() + "/" + m.kind())
              || (s instanceof SyncStep.Apply a && a.options().skipDryRunOnMissingResource());
          if (skipWhenMissing && call(() -> target.apiResource(m.gvk())).isEmpty()) {
            continue; // its kind is defined by a CRD in this sync (or SkipDryRunOnMissingResource)
          }
          dryRunMessages.put(new Slot(s.key(), s.phase()), writer.write(m,
              ObjectWriter.optionsOf(s), true, s instanceof SyncStep.Hook h
                  && h.deletePolicies().contains(HookDeletePolicy.BEFORE_HOOK_CREATION)));
        } catch (ClusterException | IgnoreRuleException e) {
          ok = false;
          put(s, ResultCode.SYNC_FAILED, e.getMessage(), OperationPhase.FAILED);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          executor.terminate();
          return true;
        }
      }
    }
    return ok;
  }

  private OperationState dryRunResults() {
    for (SyncStep s : plan.steps()) {
      if (s instanceof SyncStep.Prune) {
        Optional<String> refusal = Optional.empty();
        try {
          refusal = pruneRefusal(s.manifest());
        } catch (ClusterException e) {
          put(s, ResultCode.SYNC_FAILED, e.getMessage(), OperationPhase.FAILED);
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          executor.terminate();
        }
        if (refusal.isPresent()) {
          put(s, ResultCode.PRUNE_SKIPPED, refusal.get(), OperationPhase.SUCCEEDED);
        } else {
          put(s, ResultCode.PRUNED, "pruned (dry run)", OperationPhase.SUCCEEDED);
        }
      } else if (s instanceof SyncStep.PruneSkipped) {
        put(s, ResultCode.PRUNE_SKIPPED, ((SyncStep.PruneSkipped) s).reason(),
            OperationPhase.SUCCEEDED);
      } else if (!(s instanceof SyncStep.PruneAwaitingConfirmation)) {
        String message = dryRunMessages.getOrDefault(new Slot(s.key(), s.phase()),
            ObjectWriter.resource(s.manifest()) + "/" + s.manifest().name() + " created");
        put(s, ResultCode.SYNCED, withSharedWarning(s, message + " (dry run)"),
            OperationPhase.SUCCEEDED);
      }
    }
    return finish(OperationPhase.SUCCEEDED, "successfully synced (dry run)");
  }

  // ---- steps ----

  /** Runs one step for real; false when it failed. */
  private boolean execute(SyncStep step) {
    Manifest m = step.manifest();
    try {
      if (step instanceof SyncStep.Apply) {
        String message = writer.write(m, ((SyncStep.Apply) step).options(), false, false);
        put(step, ResultCode.SYNCED, withSharedWarning(step, message), OperationPhase.RUNNING);
      } else if (step instanceof SyncStep.Hook) {
        createHook((SyncStep.Hook) step);
      } else if (step instanceof SyncStep.Prune) {
        prune((SyncStep.Prune) step);
      } else if (step instanceof SyncStep.PruneSkipped) {
        put(step, ResultCode.PRUNE_SKIPPED, ((SyncStep.PruneSkipped) step).reason(),
            OperationPhase.SUCCEEDED);
      }
      return true;
    } catch (ClusterException | IgnoreRuleException e) {
      put(step, ResultCode.SYNC_FAILED, e.getMessage(), OperationPhase.FAILED);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.terminate();
      return true;
    }
  }

  /**
   * Deletes a live object that is no longer desired, unless (with tracking) this application
   * does not track it: then the prune is refused and reported as PruneSkipped. The delete names
   * the uid just read, so an object re-created in between is never deleted.
   */
  private void prune(SyncStep.Prune p) throws InterruptedException {
    Manifest m = p.manifest();
    Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
    if (live.isPresent()) {
      Optional<String> refusal = writer.pruneRefusal(live.get());
      if (refusal.isPresent()) {
        put(p, ResultCode.PRUNE_SKIPPED, refusal.get(), OperationPhase.SUCCEEDED);
        return;
      }
    }
    if (live.isPresent() && !live.get().metadata().has("deletionTimestamp")) {
      DeleteOptions delete = DeleteOptions.propagation(p.propagationPolicy());
      Optional<String> uid = live.get().metadata().getString("uid");
      DeleteOptions d = uid.isPresent() ? delete.withPreconditionUid(uid.get()) : delete;
      try {
        call(() -> target.delete(m.gvk(), m.namespace(), m.name(), d));
      } catch (ClusterException.NotFound gone) {
        // already deleted
      }
    }
    put(p, ResultCode.PRUNED, "pruned", OperationPhase.RUNNING);
  }

  private Optional<String> pruneRefusal(Manifest m) throws InterruptedException {
    if (options.tracking().isEmpty()) {
      return Optional.empty();
    }
    return call(() -> target.get(m.gvk(), m.namespace(), m.name()))
        .flatMap(writer::pruneRefusal);
  }

  private void createHook(SyncStep.Hook hook) throws InterruptedException {
    Manifest m = hook.manifest();
    if (resumed && adoptedAfterCrash(hook)) {
      return;
    }
    if (hook.deletePolicies().contains(HookDeletePolicy.BEFORE_HOOK_CREATION)) {
      Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
      if (live.isPresent()) {
        deleteQuietly(m);
        writer.awaitDeletion(m);
      }
    }
    writer.write(m, ObjectWriter.optionsOf(hook), false, false);
    put(hook, ResultCode.SYNCED, withSharedWarning(hook, m.kind().toLowerCase(Locale.ROOT) + "/"
        + m.name() + " created"), OperationPhase.RUNNING);
  }

  /**
   * On resume, a live hook this operation already created (its result says so, or its
   * generated name, unique to this operation, is taken) is waited for, never created twice.
   */
  private boolean adoptedAfterCrash(SyncStep.Hook hook) throws InterruptedException {
    Manifest m = hook.manifest();
    ResourceResult before = results.get(new Slot(hook.key(), hook.phase()));
    boolean ours = hook.generatedName() || (before != null
        && before.status() == ResultCode.SYNCED);
    if (!ours || call(() -> target.get(m.gvk(), m.namespace(), m.name())).isEmpty()) {
      return false;
    }
    if (before == null || before.status() != ResultCode.SYNCED) {
      put(hook, ResultCode.SYNCED, m.kind().toLowerCase(java.util.Locale.ROOT) + "/"
          + m.name() + " created", OperationPhase.RUNNING);
    }
    return true;
  }

  private void deleteQuietly(Manifest m) throws InterruptedException {
    try {
      call(() -> target.delete(m.gvk(), m.namespace(), m.name(),
          DeleteOptions.propagation(PropagationPolicy.BACKGROUND)));
    } catch (ClusterException.NotFound gone) {
      // already gone
    }
  }

  // ---- waiting ----

  /** Polls until every step of a wave is done; returns the first problem, or null. */
  private String await(List<? extends SyncStep> steps) {
    Instant deadline = options.clock().instant().plus(options.waveTimeout());
    try {
      while (true) {
        List<SyncStep> pending = new ArrayList<>();
        String problem = null;
        for (SyncStep s : steps) {
          String p = poll(s, pending);
          if (p != null && problem == null) {
            problem = p;
          }
        }
        if (problem != null) {
          return problem;
        }
        if (pending.isEmpty()) {
          return null;
        }
        if (!options.clock().instant().isBefore(deadline)) {
          for (SyncStep s : pending) {
            update(s, OperationPhase.FAILED, "timed out waiting for healthy state");
          }
          SyncStep first = pending.get(0);
          return "timed out waiting for healthy state of " + first.key()
              + (pending.size() > 1 ? " and " + (pending.size() - 1) + " more resources" : "");
        }
        if (executor.isTerminating()) {
          return null;
        }
        publish(OperationPhase.RUNNING, "waiting for healthy state of " + pending.get(0).key()
            + (pending.size() > 1 ? " and " + (pending.size() - 1) + " more resources" : ""));
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
    if (r == null || r.hookPhase().isCompleted()) {
      return null;
    }
    Manifest m = s.manifest();
    Optional<Manifest> live = call(() -> target.get(m.gvk(), m.namespace(), m.name()));
    if (s instanceof SyncStep.Prune) {
      if (live.isEmpty()) {
        update(s, OperationPhase.SUCCEEDED, "pruned");
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
    boolean hook = s instanceof SyncStep.Hook;
    if (health.isEmpty() || health.get().code() == HealthCode.HEALTHY) {
      update(s, OperationPhase.SUCCEEDED, hook ? health.map(HealthStatus::message)
          .filter(t -> !t.isEmpty()).orElse(m.name() + " created") : r.message());
      return null;
    }
    HealthCode code = health.get().code();
    if (code == HealthCode.DEGRADED || (hook && code == HealthCode.UNKNOWN)) {
      String message = health.get().message();
      update(s, OperationPhase.FAILED, message);
      return s.key() + (hook ? " hook failed" : " is degraded") + (message.isEmpty() ? ""
          : ": " + message);
    }
    pending.add(s);
    return null;
  }

  // ---- failure, termination, hooks ----

  private OperationState fail(String message) {
    List<SyncStep> ran = new ArrayList<>();
    for (SyncStep s : plan.steps()) {
      if (results.containsKey(new Slot(s.key(), s.phase()))) {
        ran.add(s);
      }
    }
    deleteHooks(ran, HookDeletePolicy.HOOK_FAILED, null);
    List<SyncStep> failHooks = new ArrayList<>(plan.syncFailHooks());
    if (!failHooks.isEmpty() && !executor.isTerminating()) {
      boolean created = true;
      for (SyncStep h : failHooks) {
        created &= execute(h);
      }
      if (created) {
        await(failHooks);
      }
      deleteHooks(failHooks, HookDeletePolicy.HOOK_SUCCEEDED, OperationPhase.SUCCEEDED);
      deleteHooks(failHooks, HookDeletePolicy.HOOK_FAILED, OperationPhase.FAILED);
    }
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

  /** Deletes the hooks with a policy whose phase matches (null: any phase that ran). */
  private void deleteHooks(List<? extends SyncStep> steps, HookDeletePolicy policy,
      OperationPhase phase) {
    for (SyncStep s : steps) {
      if (!(s instanceof SyncStep.Hook)
          || !((SyncStep.Hook) s).deletePolicies().contains(policy)) {
        continue;
      }
      ResourceResult r = results.get(new Slot(s.key(), s.phase()));
      if (r == null || (phase != null && r.hookPhase() != phase)) {
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

  @Override
  public boolean terminating() {
    return executor.isTerminating();
  }

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
