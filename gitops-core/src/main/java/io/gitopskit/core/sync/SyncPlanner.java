package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.sync.Ordering.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a sync: which objects to apply, which hooks to run and which live objects to prune, in
 * gitops-engine's order. Pure and deterministic: the same request always gives the same plan.
 * The ordering rules are described in the {@linkplain io.gitopskit.core.sync package
 * documentation}.
 *
 * @since 0.1
 */
public final class SyncPlanner {

  private SyncPlanner() {
  }

  /**
   * Plans a sync.
   *
   * @param request the desired and tracked live objects, diffs and options
   * @return the plan, or {@link SyncPlan#refused} with {@link SyncPlan#WIPE_OUT} when pruning is
   *     on, {@code allowEmpty} off and every tracked resource would be pruned
   */
  public static SyncPlan plan(SyncRequest request) {
    SyncOptions app = request.options();
    List<Task> tasks = new ArrayList<>(request.desired().size() + 1);
    boolean anyResource = false;
    int seq = 0;
    for (Manifest m : request.desired()) {
      Annotations.Classification c = Annotations.classify(m);
      switch (c.role()) {
        case RESOURCE:
          anyResource = true;
          if (!request.isSelected(m.key())) {
            break;
          }
          SyncOptions eff = app.forResource(m);
          if (eff.applyOutOfSyncOnly() && !request.isOutOfSync(m.key())) {
            break;
          }
          int wave = Annotations.wave(m);
          tasks.add(new Task(m, SyncPhase.SYNC, wave, seq++,
              new SyncStep.Apply(m, SyncPhase.SYNC, wave, eff), null));
          break;
        case HOOK:
          if (request.skipHooks() || request.selection().isPresent()) {
            break;
          }
          int hookWave = Annotations.wave(m);
          for (HookType type : c.types()) {
            SyncPhase phase = type.phase().orElseThrow();
            Manifest named = m.hasGeneratedName() ? m.withName(generatedName(m, phase, request))
                : m;
            tasks.add(new Task(named, phase, hookWave, seq++, new SyncStep.Hook(named, phase,
                type, hookWave, Annotations.deletePolicies(m), m.hasGeneratedName()), null));
          }
          break;
        default:
          break;
      }
    }
    String ns = request.namespace();
    if (app.createNamespace() && !ns.isEmpty()
        && !request.desired().contains(ResourceKey.of("", "Namespace", "", ns))) {
      Manifest namespace = Manifest.of(JsonObject.builder().put("apiVersion", "v1")
          .put("kind", "Namespace")
          .put("metadata", JsonObject.of("name", JsonString.of(ns))).build());
      tasks.add(new Task(namespace, SyncPhase.PRE_SYNC, 0, seq++,
          new SyncStep.Apply(namespace, SyncPhase.PRE_SYNC, 0, app), null));
    }

    List<Manifest> candidates = new ArrayList<>();
    for (Manifest live : request.live()) {
      if (!request.desired().contains(live.key())
          && Annotations.classify(live).role() == Annotations.Role.RESOURCE) {
        candidates.add(live);
      }
    }
    if (request.prune() && !request.allowEmpty() && !anyResource && !candidates.isEmpty()) {
      return SyncPlan.refused(SyncPlan.WIPE_OUT);
    }

    Ordering.sort(tasks);
    List<Task> prunes = pruneOrder(candidates, request, seq);
    int lastSyncWave = 0;
    for (Task t : tasks) {
      if (t.phase == SyncPhase.SYNC) {
        lastSyncWave = Math.max(lastSyncWave, t.wave);
      }
    }
    for (Task t : prunes) {
      lastSyncWave = Math.max(lastSyncWave, t.wave);
    }

    // Every step in order: the tasks are sorted by phase and wave already (bubbling keeps that),
    // so a stable sort on (phase, wave, prunes first) only merges the prunes in. The key is on
    // the task, so the sort reads no step.
    List<Task> ordered = new ArrayList<>(tasks.size() + prunes.size());
    List<SyncStep> all = new ArrayList<>(tasks.size() + prunes.size());
    List<SyncStep.Hook> syncFail = new ArrayList<>();
    for (Task t : tasks) {
      SyncStep s = retarget(t);
      if (t.phase == SyncPhase.SYNC_FAIL) {
        syncFail.add((SyncStep.Hook) s);
      } else {
        t.key = Ordering.key(t.phase, t.wave, 1);
        t.position = all.size();
        ordered.add(t);
        all.add(s);
      }
    }
    for (Task t : prunes) {
      SyncStep s = pruneStep(t, request, lastSyncWave + 1);
      t.key = Ordering.key(SyncPhase.SYNC, s.wave(), 0);
      t.position = all.size();
      ordered.add(t);
      all.add(s);
    }
    ordered.sort(BY_KEY);
    List<SyncStep> steps = new ArrayList<>(ordered.size());
    for (Task t : ordered) {
      steps.add(all.get(t.position));
    }
    return new SyncPlan(steps, syncFail, Optional.empty(), request.dryRun());
  }

  /** Stable, so equal keys keep their order. */
  private static final Comparator<Task> BY_KEY = (a, b) -> Long.compare(a.key, b.key);

  private static String generatedName(Manifest m, SyncPhase phase, SyncRequest request) {
    String rev = request.revision();
    String suffix = rev.substring(0, Math.min(7, rev.length())) + "-" + phase.wireName() + "-"
        + request.startedAtEpochSeconds();
    return m.name() + suffix.toLowerCase(Locale.ROOT);
  }

  /** The task's step, with the phase and wave bubbling gave it. */
  private static SyncStep retarget(Task t) {
    SyncStep s = Objects.requireNonNull(t.step);
    if (!t.moved) {
      return s;
    }
    if (s instanceof SyncStep.Apply a) {
      return t.phase == a.phase() && t.wave == a.wave() ? a
          : new SyncStep.Apply(a.manifest(), t.phase, t.wave, a.options());
    }
    SyncStep.Hook h = (SyncStep.Hook) s;
    return t.phase == h.phase() && t.wave == h.wave() ? h : new SyncStep.Hook(h.manifest(),
        t.phase, h.type(), t.wave, h.deletePolicies(), h.generatedName());
  }

  /** Reverse creation order, with waves mirrored so they still rise. */
  private static List<Task> pruneOrder(List<Manifest> candidates, SyncRequest request, int seq) {
    SyncOptions app = request.options();
    List<Task> prunes = new ArrayList<>(candidates.size());
    for (Manifest live : candidates) {
      if (request.isSelected(live.key())) {
        prunes.add(new Task(live, SyncPhase.SYNC, Annotations.wave(live), seq++, null,
            app.forResource(live)));
      }
    }
    Ordering.sort(prunes);
    Collections.reverse(prunes);
    int[] waves = new int[prunes.size()];
    for (int i = 0; i < waves.length; i++) {
      waves[i] = prunes.get(i).wave;
    }
    Arrays.sort(waves);
    int distinct = 0;
    for (int i = 0; i < waves.length; i++) {
      if (i == 0 || waves[i] != waves[i - 1]) {
        waves[distinct++] = waves[i];
      }
    }
    for (Task t : prunes) {
      t.wave = waves[distinct - 1 - Arrays.binarySearch(waves, 0, distinct, t.wave)];
    }
    return prunes;
  }

  private static SyncStep pruneStep(Task t, SyncRequest request, int lastWave) {
    SyncOptions eff = Objects.requireNonNull(t.options);
    boolean last = eff.pruneLast();
    int wave = last ? lastWave : t.wave;
    if (!request.prune()) {
      return new SyncStep.PruneSkipped(t.manifest, wave, SyncStep.PruneSkipped.REQUIRES_PRUNING);
    }
    if (eff.prune() == Consent.REFUSED) {
      return new SyncStep.PruneSkipped(t.manifest, wave, SyncStep.PruneSkipped.NO_PRUNE);
    }
    if (eff.prune() == Consent.CONFIRM && !request.pruneConfirmed()) {
      return new SyncStep.PruneAwaitingConfirmation(t.manifest, wave, eff.prunePropagationPolicy());
    }
    return new SyncStep.Prune(t.manifest, wave, eff.prunePropagationPolicy(), last);
  }
}
