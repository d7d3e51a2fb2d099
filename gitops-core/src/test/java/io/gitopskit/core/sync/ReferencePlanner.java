package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.sync.ReferencePlanner.RefOrdering.Task;
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
import java.util.function.Function;

/**
 * The test oracle for {@link SyncPlanner}: the planner as it was before it was tuned for 100k
 * resources (issue 6), kept verbatim: a plain sort with a comparator, identity maps from task to
 * step and to input position, and bubbling over {@code Optional} keys. Slow at scale but easy to
 * check against the package documentation; {@code SyncPlannerEquivalenceTest} asserts that the
 * tuned planner gives exactly the same plans.
 */
final class ReferencePlanner {


  private ReferencePlanner() {
  }

  /**
   * Plans a sync.
   *
   * @param request the desired and tracked live objects, diffs and options
   * @return the plan, or {@link SyncPlan#refused} with {@link SyncPlan#WIPE_OUT} when pruning is
   *     on, {@code allowEmpty} off and every tracked resource would be pruned
   */
  static SyncPlan plan(SyncRequest request) {
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

    RefOrdering.sort(tasks);
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
    RefOrdering.sort(prunes);
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

  /** The task sort and dependency bubbling, as they were. */
  static final class RefOrdering {

    /** Helm's install order; a kind's value is its index - 35, unlisted kinds get 0. */
    static final List<String> KIND_ORDER = List.of("Namespace", "NetworkPolicy", "ResourceQuota",
        "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret",
        "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
        "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
        "APIService");

    private static final Map<String, Integer> RANK = new HashMap<>();

    static {
      for (int i = 0; i < KIND_ORDER.size(); i++) {
        RANK.put(KIND_ORDER.get(i), i + 1 - KIND_ORDER.size() - 1);
      }
    }

    /** A step being planned: its object, and the phase and wave bubbling may change. */
    static final class Task {
      final Manifest manifest;
      SyncPhase phase;
      int wave;
      final int tieBreak;
      /** The kind's rank, looked up once rather than on every comparison. */
      final int rank;
      /** Sort keys kept on the task itself: fewer pointer hops per comparison at scale. */
      final String name;
      final String namespace;
      final String group;
      final String kind;

      Task(Manifest manifest, SyncPhase phase, int wave, int tieBreak) {
        this.manifest = manifest;
        this.phase = phase;
        this.wave = wave;
        this.tieBreak = tieBreak;
        this.rank = kindRank(manifest.kind());
        this.name = manifest.name();
        this.namespace = manifest.namespace();
        this.group = manifest.group();
        this.kind = manifest.kind();
      }
    }

    /** Phase, wave, kind rank, name, namespace, group, kind, then input order. */
    static final Comparator<Task> ORDER = (a, b) -> {
      int c = a.phase.compareTo(b.phase);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a.wave, b.wave);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a.rank, b.rank);
      if (c != 0) {
        return c;
      }
      c = a.name.compareTo(b.name);
      if (c != 0) {
        return c;
      }
      c = a.namespace.compareTo(b.namespace);
      if (c != 0) {
        return c;
      }
      c = a.group.compareTo(b.group);
      if (c != 0) {
        return c;
      }
      c = a.kind.compareTo(b.kind);
      return c != 0 ? c : Integer.compare(a.tieBreak, b.tieBreak);
    };

    private RefOrdering() {
    }

    static int kindRank(String kind) {
      return RANK.getOrDefault(kind, 0);
    }

    /** Sorts, then moves each Namespace and CRD before the first task that needs it. */
    static void sort(List<Task> tasks) {
      tasks.sort(ORDER);
      boolean namespaces = false;
      boolean crds = false;
      for (Task t : tasks) {
        namespaces |= t.rank == kindRank("Namespace") && t.manifest.group().isEmpty();
        crds |= t.manifest.kind().equals("CustomResourceDefinition");
      }
      if (namespaces) {
        adjust(tasks, RefOrdering::namespaceDefined, m -> optional(m.namespace()));
      }
      if (crds) {
        // only kinds some CRD in this sync defines can need one: skip building keys for the rest
        java.util.Set<String> definedKinds = new java.util.HashSet<>();
        for (Task t : tasks) {
          crdDefined(t.manifest).ifPresent(k -> definedKinds.add(k.substring(k.indexOf('/') + 1)));
        }
        adjust(tasks, RefOrdering::crdDefined, m -> definedKinds.contains(m.kind())
            ? Optional.of(m.group() + "/" + m.kind()) : Optional.empty());
      }
    }

    private static Optional<String> optional(String s) {
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<String> namespaceDefined(Manifest m) {
      return m.group().isEmpty() && m.kind().equals("Namespace") ? Optional.of(m.name())
          : Optional.empty();
    }

    private static Optional<String> crdDefined(Manifest m) {
      if (!m.group().equals("apiextensions.k8s.io") || !m.kind().equals("CustomResourceDefinition")) {
        return Optional.empty();
      }
      Optional<String> group = m.at("/spec/group").flatMap(RefOrdering::text);
      Optional<String> kind = m.at("/spec/names/kind").flatMap(RefOrdering::text);
      return group.isPresent() && kind.isPresent()
          ? Optional.of(group.get() + "/" + kind.get()) : Optional.empty();
    }

    private static Optional<String> text(io.gitopskit.core.json.JsonValue v) {
      return v instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    /** gitops-engine's {@code adjustDeps}: a dependency adopts the phase and wave it moves to. */
    private static void adjust(List<Task> tasks, Function<Manifest, Optional<String>> defines,
        Function<Manifest, Optional<String>> needs) {
      // One pass to find where each name is first needed, one to decide the moves, one to rebuild:
      // O(n) instead of moving list elements one at a time (which was O(n^2) at scale).
      Map<String, Integer> firstUse = new HashMap<>();
      List<Optional<String>> defined = new java.util.ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        Manifest m = tasks.get(i).manifest;
        Optional<String> dep = defines.apply(m);
        defined.add(dep);
        if (dep.isEmpty()) {
          Optional<String> need = needs.apply(m);
          if (need.isPresent()) {
            firstUse.putIfAbsent(need.get(), i);
          }
        }
      }
      Map<Integer, List<Task>> before = new HashMap<>();
      boolean[] moved = new boolean[tasks.size()];
      for (int i = 0; i < tasks.size(); i++) {
        Optional<String> dep = defined.get(i);
        if (dep.isPresent()) {
          Integer index = firstUse.get(dep.get());
          if (index != null && index < i) {
            Task t = tasks.get(i);
            Task first = tasks.get(index);
            t.wave = first.wave;
            t.phase = first.phase;
            before.computeIfAbsent(index, k -> new java.util.ArrayList<>()).add(t);
            moved[i] = true;
          }
        }
      }
      if (before.isEmpty()) {
        return;
      }
      List<Task> out = new java.util.ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        List<Task> insert = before.get(i);
        if (insert != null) {
          out.addAll(insert);
        }
        if (!moved[i]) {
          out.add(tasks.get(i));
        }
      }
      tasks.clear();
      tasks.addAll(out);
    }
}
}
