package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.sync.Ordering.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    Tasks tasks = new Tasks(request.desired().size() + 1);
    // the step planned for each task, by task index, before bubbling
    List<SyncStep> planned = new ArrayList<>(request.desired().size() + 1);
    boolean anyResource = false;
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
          tasks.add(m, SyncPhase.SYNC, wave);
          planned.add(new SyncStep.Apply(m, SyncPhase.SYNC, wave, eff));
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
            tasks.add(named, phase, hookWave);
            planned.add(new SyncStep.Hook(named, phase, type, hookWave,
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
      JsonObject.Builder meta = JsonObject.builder().put("name", JsonString.of(ns));
      if (!request.namespaceLabels().isEmpty()) {
        meta.put("labels", JsonValue.of(request.namespaceLabels()));
      }
      if (!request.namespaceAnnotations().isEmpty()) {
        meta.put("annotations", JsonValue.of(request.namespaceAnnotations()));
      }
      Manifest namespace = Manifest.of(JsonObject.builder().put("apiVersion", "v1")
          .put("kind", "Namespace").put("metadata", meta.build()).build());
      tasks.add(namespace, SyncPhase.PRE_SYNC, 0);
      planned.add(new SyncStep.Apply(namespace, SyncPhase.PRE_SYNC, 0, app));
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

    int[] order = Ordering.sort(tasks);
    Tasks prunes = new Tasks(candidates.size());
    List<SyncOptions> pruneOptions = new ArrayList<>(candidates.size());
    int[] pruneOrder = pruneOrder(candidates, request, prunes, pruneOptions);
    int lastSyncWave = 0;
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.phase(i) == SyncPhase.SYNC) {
        lastSyncWave = Math.max(lastSyncWave, tasks.wave(i));
      }
    }
    for (int i = 0; i < prunes.size(); i++) {
      lastSyncWave = Math.max(lastSyncWave, prunes.wave(i));
    }

    // The tasks are in (phase, wave) order already (bubbling keeps it), so a stable sort on
    // (phase, wave, prunes first) merely merges the prunes in. It reads only the keys.
    int total = order.length + pruneOrder.length;
    SyncStep[] all = new SyncStep[total];
    long[] keys = new long[total];
    int count = 0;
    List<SyncStep.Hook> syncFail = new ArrayList<>();
    for (int i : order) {
      SyncPhase phase = tasks.phase(i);
      SyncStep s = tasks.moved(i) ? retarget(planned.get(i), phase, tasks.wave(i))
          : planned.get(i);
      if (phase == SyncPhase.SYNC_FAIL) {
        syncFail.add((SyncStep.Hook) s);
      } else {
        keys[count] = Ordering.key(phase, tasks.wave(i), 1);
        all[count++] = s;
      }
    }
    for (int i : pruneOrder) {
      SyncStep s = pruneStep(prunes.manifest(i), prunes.wave(i), pruneOptions.get(i), request,
          lastSyncWave + 1);
      keys[count] = Ordering.key(SyncPhase.SYNC, s.wave(), 0);
      all[count++] = s;
    }
    int[] merged = IndexSort.order(count, (a, b) -> Long.compare(keys[a], keys[b]));
    List<SyncStep> steps = new ArrayList<>(count);
    for (int i : merged) {
      steps.add(all[i]);
    }
    return new SyncPlan(steps, syncFail, Optional.empty(), request.dryRun());
  }

  private static String generatedName(Manifest m, SyncPhase phase, SyncRequest request) {
    String rev = request.revision();
    String suffix = rev.substring(0, Math.min(7, rev.length())) + "-" + phase.wireName() + "-"
        + request.startedAtEpochSeconds();
    return m.name() + suffix.toLowerCase(Locale.ROOT);
  }

  /** A step with the phase and wave bubbling gave it. */
  private static SyncStep retarget(SyncStep s, SyncPhase phase, int wave) {
    if (s instanceof SyncStep.Apply a) {
      return phase == a.phase() && wave == a.wave() ? a
          : new SyncStep.Apply(a.manifest(), phase, wave, a.options());
    }
    SyncStep.Hook h = (SyncStep.Hook) s;
    return phase == h.phase() && wave == h.wave() ? h : new SyncStep.Hook(h.manifest(),
        phase, h.type(), wave, h.deletePolicies(), h.generatedName());
  }

  /**
   * Reverse creation order, with waves mirrored so they still rise.
   *
   * @return the prune task indexes in order
   */
  private static int[] pruneOrder(List<Manifest> candidates, SyncRequest request, Tasks prunes,
      List<SyncOptions> options) {
    SyncOptions app = request.options();
    for (Manifest live : candidates) {
      if (request.isSelected(live.key())) {
        prunes.add(live, SyncPhase.SYNC, Annotations.wave(live));
        options.add(app.forResource(live));
      }
    }
    int[] order = Ordering.sort(prunes);
    int n = order.length;
    for (int k = 0; k < n / 2; k++) {
      int t = order[k];
      order[k] = order[n - 1 - k];
      order[n - 1 - k] = t;
    }
    int[] waves = new int[n];
    for (int i = 0; i < n; i++) {
      waves[i] = prunes.wave(i);
    }
    Arrays.sort(waves);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || waves[i] != waves[i - 1]) {
        waves[distinct++] = waves[i];
      }
    }
    for (int i = 0; i < n; i++) {
      prunes.wave(i, waves[distinct - 1 - Arrays.binarySearch(waves, 0, distinct, prunes.wave(i))]);
    }
    return order;
  }

  private static SyncStep pruneStep(Manifest live, int mirrored, SyncOptions eff,
      SyncRequest request, int lastWave) {
    boolean last = eff.pruneLast();
    int wave = last ? lastWave : mirrored;
    if (!request.prune()) {
      return new SyncStep.PruneSkipped(live, wave, SyncStep.PruneSkipped.REQUIRES_PRUNING);
    }
    if (eff.prune() == Consent.REFUSED) {
      return new SyncStep.PruneSkipped(live, wave, SyncStep.PruneSkipped.NO_PRUNE);
    }
    if (eff.prune() == Consent.CONFIRM && !request.pruneConfirmed()) {
      return new SyncStep.PruneAwaitingConfirmation(live, wave, eff.prunePropagationPolicy());
    }
    return new SyncStep.Prune(live, wave, eff.prunePropagationPolicy(), last);
  }
}
