package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.diff.ignore.IgnoreRuleException;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a plan: gitops-engine's {@code syncContext.Sync()} state machine, run to the end
 * instead of one step per call. The messages and phases are gitops-engine's.
 */
final class Execution extends Operation {

  /** The result of waiting for a wave. */
  private record Waited(boolean failed, Optional<String> timedOut) {
    static final Waited DONE = new Waited(false, Optional.empty());
  }

  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");
  private static final String COMPLETED_UNSUCCESSFULLY =
      "one or more synchronization tasks completed unsuccessfully";

  private final SyncPlan plan;
  private final List<SyncExecutor.Wave> waves;
  private final ObjectWriter writer;
  /** Whether the plan spans more than one phase or wave: then resources are waited for. */
  private final boolean multiStep;
  /** Shared-resource messages of the objects another application claims. */
  private final Map<ResourceKey, String> shared = new HashMap<>();
  /** What each dry-run write reported, for a dry-run operation's results. */
  private final Map<Slot, String> dryRunMessages = new HashMap<>();
  /** Steps whose kind the server does not know yet (CRD in this sync, or asked to skip). */
  private final Set<Slot> skipDryRun = new HashSet<>();

  Execution(SyncExecutor executor, SyncPlan plan, ClusterTarget target, ExecutorOptions options,
      Optional<OperationState> prior) {
    super(executor, target, options, prior);
    this.plan = plan;
    this.writer = new ObjectWriter(target, options, this);
    this.waves = SyncExecutor.waves(plan);
    this.multiStep = waves.size() > 1 || !plan.syncFailHooks().isEmpty();
  }

  @Override
  PropagationPolicy hookPropagation() {
    return options.syncOptions().prunePropagationPolicy();
  }

  OperationState run() {
    if (plan.isRefused()) {
      return finish(OperationPhase.ERROR, plan.refusal().orElseThrow());
    }
    publish(OperationPhase.RUNNING, TASKS_RUNNING);
    if (!validTasks()) {
      return finish(OperationPhase.FAILED, "one or more synchronization tasks are not valid");
    }
    String sharedFailure = checkSharedResources();
    if (sharedFailure != null) {
      return finish(OperationPhase.FAILED, SyncExecutor.SHARED_RESOURCE_FOUND + sharedFailure);
    }
    if (!started && !dryRunAll()) {
      return finish(OperationPhase.FAILED, "one or more objects failed to apply (dry run)");
    }
    if (plan.dryRun()) {
      return dryRunResults();
    }
    for (int i = start; i < waves.size(); i++) {
      SyncExecutor.Wave wave = waves.get(i);
      String confirmation = awaitingConfirmation(wave);
      if (confirmation != null) {
        return publish(OperationPhase.RUNNING, confirmation);
      }
      boolean ok = runWave(wave.steps());
      if (executor.isTerminating()) {
        return terminated(plan.steps());
      }
      if (!ok) {
        return fail("one or more objects failed to apply", wave.steps(), Optional.empty());
      }
      boolean hooks = wave.steps().stream().anyMatch(s -> s instanceof SyncStep.Hook);
      if (i == waves.size() - 1 && !hooks) {
        // the last wave holds plain resources only: done once applied, even if they degrade
        lastCompleted = i;
        deleteHooks(plan.steps(), HookDeletePolicy.HOOK_SUCCEEDED);
        return finish(OperationPhase.SUCCEEDED, "successfully synced (all tasks run)");
      }
      Waited waited = await(wave.steps(), multiStep);
      if (executor.isTerminating()) {
        return terminated(plan.steps());
      }
      if (waited.failed()) {
        return fail(COMPLETED_UNSUCCESSFULLY, plan.steps(), waited.timedOut());
      }
      lastCompleted = i;
      publish(OperationPhase.RUNNING, TASKS_RUNNING);
    }
    deleteHooks(plan.steps(), HookDeletePolicy.HOOK_SUCCEEDED);
    return finish(OperationPhase.SUCCEEDED, "successfully synced (no more tasks)");
  }

  /**
   * gitops-engine's {@code Prune=confirm} gate: before anything of a wave runs, its prunes
   * waiting for confirmation hold the operation ("Waiting for pruning confirmation of
   * v1/ConfigMap/x[ and N more resources]").
   */
  private static String awaitingConfirmation(SyncExecutor.Wave wave) {
    List<String> awaiting = new ArrayList<>();
    for (SyncStep s : wave.steps()) {
      if (s instanceof SyncStep.PruneAwaitingConfirmation) {
        awaiting.add(s.manifest().apiVersion() + "/" + s.manifest().kind() + "/"
            + s.manifest().name());
      }
    }
    if (awaiting.isEmpty()) {
      return null;
    }
    return "Waiting for pruning confirmation of " + awaiting.get(0) + (awaiting.size() > 1
        ? " and " + (awaiting.size() - 1) + " more resources" : "");
  }

  /** Every step that writes an object, SyncFail hooks included. */
  private List<SyncStep> writes() {
    List<SyncStep> out = new ArrayList<>();
    for (SyncStep s : plan.steps()) {
      if (s instanceof SyncStep.Apply || s instanceof SyncStep.Hook) {
        out.add(s);
      }
    }
    out.addAll(plan.syncFailHooks());
    return out;
  }

  // ---- task validation ----

  /**
   * gitops-engine's permission check: the server must know the kind of every object written,
   * unless a CRD of this sync defines it or it has {@code SkipDryRunOnMissingResource=true}
   * (then its dry run is skipped). An unknown kind fails the task with the discovery error.
   */
  private boolean validTasks() {
    Set<String> definedHere = new HashSet<>();
    for (SyncStep s : writes()) {
      Manifest m = s.manifest();
      if (m.kind().equals("CustomResourceDefinition")
          && m.group().equals("apiextensions.k8s.io")) {
        definedHere.add(text(m, "/spec/group") + "/" + text(m, "/spec/names/kind"));
      }
    }
    boolean ok = true;
    Map<GroupVersionKind, Boolean> known = new HashMap<>();
    try {
      List<ApiResource> resources = null;
      for (SyncStep s : writes()) {
        Manifest m = s.manifest();
        Boolean exists = known.get(m.gvk());
        if (exists == null) {
          if (resources == null) {
            resources = call(target::apiResources);
          }
          exists = find(resources, m.gvk()).isPresent();
          known.put(m.gvk(), exists);
        }
        if (exists) {
          continue;
        }
        if (definedHere.contains(m.group() + "/" + m.kind())
            || writer.optionsOf(s).skipDryRunOnMissingResource()) {
          skipDryRun.add(Slot.of(s));
          continue;
        }
        put(s, ResultCode.SYNC_FAILED, notFound(resources, m.gvk()), OperationPhase.FAILED);
        ok = false;
      }
    } catch (ClusterException e) {
      return true; // discovery unreadable: the dry run reports what fails
    } catch (InterruptedException e) {
      interrupted();
    }
    return ok;
  }

  private static Optional<ApiResource> find(List<ApiResource> resources, GroupVersionKind gvk) {
    return resources.stream().filter(r -> r.gvk().equals(gvk)).findFirst();
  }

  /**
   * The discovery error for an unknown kind, as client-go words it: the group/version is not
   * served at all, or it is and lacks the kind ({@code Widget.example.io "" not found}).
   */
  private static String notFound(List<ApiResource> resources, GroupVersionKind gvk) {
    boolean served = resources.stream().anyMatch(r -> r.gvk().group().equals(gvk.group())
        && r.gvk().version().equals(gvk.version()));
    if (!served) {
      return "the server could not find the requested resource";
    }
    return gvk.kind() + (gvk.group().isEmpty() ? "" : "." + gvk.group()) + " \"\" not found";
  }

  private static String text(Manifest m, String pointer) {
    return m.at(pointer).map(v -> v instanceof JsonString js ? js.value() : "").orElse("");
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
          interrupted();
          return failure;
        }
        if (message.isPresent()) {
          shared.put(s.key(), message.get());
          if (failure == null && writer.optionsOf(s).failOnSharedResource()) {
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
    boolean ok = true;
    for (int i = start; i < waves.size(); i++) {
      for (SyncStep s : waves.get(i).steps()) {
        if (!(s instanceof SyncStep.Apply || s instanceof SyncStep.Hook)
            || skipDryRun.contains(Slot.of(s))) {
          continue;
        }
        Manifest m = s.manifest();
        try {
          if (!m.namespace().isEmpty() && createdNamespaces.contains(m.namespace())
              && call(() -> target.get(NAMESPACE, "", m.namespace())).isEmpty()) {
            continue; // its namespace is created by this sync; the server cannot check it yet
          }
          dryRunMessages.put(Slot.of(s), writer.write(m, writer.optionsOf(s), true,
              s instanceof SyncStep.Hook h
                  && h.deletePolicies().contains(HookDeletePolicy.BEFORE_HOOK_CREATION)));
        } catch (ClusterException | IgnoreRuleException e) {
          ok = false;
          failed(s, e);
        } catch (InterruptedException e) {
          interrupted();
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
          failed(s, e);
          continue;
        } catch (InterruptedException e) {
          interrupted();
        }
        if (refusal.isPresent()) {
          put(s, ResultCode.PRUNE_SKIPPED, refusal.get(), OperationPhase.SUCCEEDED);
        } else {
          put(s, ResultCode.PRUNED, "pruned (dry run)", OperationPhase.SUCCEEDED);
        }
      } else if (s instanceof SyncStep.PruneSkipped skipped) {
        put(s, ResultCode.PRUNE_SKIPPED, skipped.reason(), OperationPhase.SUCCEEDED);
      } else if (!(s instanceof SyncStep.PruneAwaitingConfirmation)) {
        String message = dryRunMessages.getOrDefault(Slot.of(s), created(s.manifest()));
        put(s, ResultCode.SYNCED, withSharedWarning(s, message + " (dry run)"),
            OperationPhase.SUCCEEDED);
      }
    }
    return finish(OperationPhase.SUCCEEDED, "successfully synced (dry run)");
  }

  // ---- steps ----

  @Override
  void apply(SyncStep step) throws InterruptedException {
    if (step instanceof SyncStep.Apply a) {
      String message = writer.write(a.manifest(), a.options(), false, false);
      put(step, ResultCode.SYNCED, withSharedWarning(step, message), OperationPhase.RUNNING);
    } else if (step instanceof SyncStep.Prune p) {
      prune(p);
    }
  }

  @Override
  String writeHook(SyncStep.Hook hook) throws InterruptedException {
    return withSharedWarning(hook, writer.write(hook.manifest(), writer.optionsOf(hook), false,
        false));
  }

  /**
   * Deletes a live object that is no longer desired, unless (with tracking) this application
   * does not track it: then the prune is refused and reported as PruneSkipped. The delete names
   * the uid just read, so an object re-created in between is never deleted. As in
   * gitops-engine a prune is Succeeded at once; a later wait covers objects still being
   * deleted.
   */
  private void prune(SyncStep.Prune p) throws InterruptedException {
    Manifest m = p.manifest();
    Optional<Manifest> live = live(m);
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
      delete(m, uid.map(delete::withPreconditionUid).orElse(delete));
    }
    put(p, ResultCode.PRUNED, "pruned", OperationPhase.SUCCEEDED);
  }

  private Optional<String> pruneRefusal(Manifest m) throws InterruptedException {
    if (options.tracking().isEmpty()) {
      return Optional.empty();
    }
    return live(m).flatMap(writer::pruneRefusal);
  }

  // ---- waiting ----

  /**
   * Waits as gitops-engine does before it moves on: for every running hook, and for every
   * running resource when the sync is multi-step; then for pruned objects still being deleted
   * (a deletionTimestamp). Fails when a step completed unsuccessfully, or at the wave timeout.
   */
  private Waited await(List<? extends SyncStep> steps, boolean resources) {
    Instant deadline = options.clock().instant().plus(options.waveTimeout());
    try {
      while (true) {
        List<SyncStep> running = new ArrayList<>();
        List<SyncStep> deleting = new ArrayList<>();
        for (SyncStep s : steps) {
          refresh(s, resources, running, deleting);
        }
        if (running.isEmpty() && deleting.isEmpty()) {
          boolean failed = steps.stream().map(this::result).anyMatch(r -> r != null
              && r.hookPhase().isCompleted() && r.hookPhase() != OperationPhase.SUCCEEDED);
          return failed ? new Waited(true, Optional.empty()) : Waited.DONE;
        }
        String waiting = running.isEmpty() ? waitingFor(deleting, true)
            : waitingFor(running, false);
        if (!options.clock().instant().isBefore(deadline)) {
          for (SyncStep s : running) {
            update(s, OperationPhase.FAILED, "timed out " + waitingFor(List.of(s), false));
          }
          return new Waited(true, Optional.of("timed out " + waiting));
        }
        if (executor.isTerminating()) {
          return Waited.DONE;
        }
        publish(OperationPhase.RUNNING, waiting);
        options.waiter().await(options.pollInterval());
      }
    } catch (ClusterException e) {
      return new Waited(true, Optional.of(e.getMessage()));
    } catch (InterruptedException e) {
      interrupted();
      return Waited.DONE;
    }
  }

  /**
   * gitops-engine's refresh of one running task from its live object: a hook's phase from its
   * health; a resource Succeeded when healthy or without health, Failed when degraded; a pruned
   * object still carrying a deletionTimestamp is being deleted.
   */
  private void refresh(SyncStep s, boolean resources, List<SyncStep> running,
      List<SyncStep> deleting) throws InterruptedException {
    ResourceResult r = result(s);
    if (r == null) {
      return;
    }
    if (s instanceof SyncStep.Prune) {
      if (r.status() == ResultCode.PRUNED
          && live(s.manifest()).filter(l -> l.metadata().has("deletionTimestamp")).isPresent()) {
        deleting.add(s);
      }
      return;
    }
    boolean hook = s instanceof SyncStep.Hook;
    if (r.hookPhase() != OperationPhase.RUNNING || !(hook || resources)) {
      return;
    }
    Optional<Manifest> live = live(s.manifest());
    if (live.isEmpty()) {
      running.add(s);
      return;
    }
    if (hook) {
      HookState state = hookState(live.get());
      update(s, state.phase(), state.message());
      if (state.phase() == OperationPhase.RUNNING) {
        running.add(s);
      }
      return;
    }
    Optional<HealthStatus> health = options.health().assess(live.get());
    if (health.isEmpty()) {
      update(s, OperationPhase.SUCCEEDED, "");
    } else if (health.get().code() == HealthCode.HEALTHY) {
      update(s, OperationPhase.SUCCEEDED, health.get().message());
    } else if (health.get().code() == HealthCode.DEGRADED) {
      update(s, OperationPhase.FAILED, health.get().message());
    } else {
      running.add(s);
    }
  }

  // ---- failure ----

  /**
   * gitops-engine's {@code setOperationFailed}: deletes the hooks with HookFailed, then, when
   * the plan has SyncFail hooks, runs them and waits for them (a SyncFail hook that cannot be
   * created adds "one or more SyncFail hooks failed"), and ends Failed. The reason lists the
   * messages of the writes that failed (SyncFailed); a hook or resource that completed
   * unsuccessfully is reported by its own result.
   */
  private OperationState fail(String message, List<? extends SyncStep> scope,
      Optional<String> timedOut) {
    deleteHooks(plan.steps(), HookDeletePolicy.HOOK_FAILED);
    List<String> reasons = syncFailedMessages(scope);
    timedOut.ifPresent(reasons::add);
    List<SyncStep.Hook> failHooks = plan.syncFailHooks();
    if (failHooks.isEmpty() || executor.isTerminating()) {
      return finish(OperationPhase.FAILED, withReasons(message, reasons));
    }
    List<SyncStep> notCreated = new ArrayList<>();
    for (SyncStep h : failHooks) {
      if (!execute(h)) {
        notCreated.add(h);
      }
    }
    if (!notCreated.isEmpty()) {
      return finish(OperationPhase.FAILED, withReasons(message, reasons) + "\n"
          + withReasons("one or more SyncFail hooks failed", syncFailedMessages(notCreated)));
    }
    await(failHooks, false);
    if (executor.isTerminating()) {
      return terminated(failHooks);
    }
    deleteHooks(failHooks, HookDeletePolicy.HOOK_FAILED);
    reasons = syncFailedMessages(plan.steps());
    timedOut.ifPresent(reasons::add);
    return finish(OperationPhase.FAILED, withReasons(COMPLETED_UNSUCCESSFULLY, reasons));
  }
}
