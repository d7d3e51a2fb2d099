package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.sync.Ordering.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
    List<Task> tasks = new ArrayList<>();
    Map<Task, SyncStep> kinds = new IdentityHashMap<>();
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
          Task t = new Task(m, SyncPhase.SYNC, wave, seq++);
          tasks.add(t);
          kinds.put(t, new SyncStep.Apply(m, SyncPhase.SYNC, wave, eff));
          break;
        case HOOK:
          if (request.skipHooks() || request.selection().isPresent()) {
            break;
          }
          for (HookType type : c.types()) {
            SyncPhase phase = type.phase().orElseThrow();
            Manifest named = m.hasGeneratedName() ? m.withName(generatedName(m, phase, request))
                : m;
            int hookWave = Annotations.wave(m);
            Task h = new Task(named, phase, hookWave, seq++);
            tasks.add(h);
            kinds.put(h, new SyncStep.Hook(named, phase, type, hookWave,
                Annotations.deletePolicies(m), m.hasGeneratedName()));
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
      Task t = new Task(namespace, SyncPhase.PRE_SYNC, 0, seq++);
      tasks.add(t);
      kinds.put(t, new SyncStep.Apply(namespace, SyncPhase.PRE_SYNC, 0, app));
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

    List<SyncStep> steps = new ArrayList<>();
    List<SyncStep.Hook> syncFail = new ArrayList<>();
    for (Task t : tasks) {
      SyncStep s = retarget(kinds.get(t), t);
      if (t.phase == SyncPhase.SYNC_FAIL) {
        syncFail.add((SyncStep.Hook) s);
      } else {
        steps.add(s);
      }
    }
    for (Task t : prunes) {
      steps.add(pruneStep(t, app.forResource(t.manifest), request, lastSyncWave + 1));
    }
    Map<SyncStep, Integer> position = new IdentityHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      position.put(steps.get(i), i);
    }
    steps.sort(Comparator.<SyncStep, SyncPhase>comparing(SyncStep::phase)
        .thenComparingInt(SyncStep::wave)
        .thenComparingInt(s -> s instanceof SyncStep.Apply || s instanceof SyncStep.Hook ? 1 : 0)
        .thenComparingInt(position::get));
    return new SyncPlan(steps, syncFail, Optional.empty(), request.dryRun());
  }

  private static String generatedName(Manifest m, SyncPhase phase, SyncRequest request) {
    String rev = request.revision();
    String suffix = rev.substring(0, Math.min(7, rev.length())) + "-" + phase.wireName() + "-"
        + request.startedAtEpochSeconds();
    return m.name() + suffix.toLowerCase(Locale.ROOT);
  }

  private static SyncStep retarget(SyncStep s, Task t) {
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
    List<Task> prunes = new ArrayList<>();
    for (Manifest live : candidates) {
      if (request.isSelected(live.key())) {
        prunes.add(new Task(live, SyncPhase.SYNC, Annotations.wave(live), seq++));
      }
    }
    Ordering.sort(prunes);
    Collections.reverse(prunes);
    TreeSet<Integer> distinct = new TreeSet<>();
    for (Task t : prunes) {
      distinct.add(t.wave);
    }
    List<Integer> waves = new ArrayList<>(distinct);
    Map<Integer, Integer> mirror = new HashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      mirror.put(waves.get(i), waves.get(waves.size() - 1 - i));
    }
    for (Task t : prunes) {
      t.wave = mirror.get(t.wave);
    }
    return prunes;
  }

  private static SyncStep pruneStep(Task t, SyncOptions eff, SyncRequest request, int lastWave) {
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
