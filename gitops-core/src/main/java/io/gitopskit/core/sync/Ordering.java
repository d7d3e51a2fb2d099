package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The task sort of gitops-engine: phase, wave, kind order, name; then dependency bubbling.
 *
 * <p>Shaped for 100k tasks (issue 6): everything the sort and the bubbling read is copied onto
 * the task in one pass in input order, so that after the sort, when tasks are visited in an order
 * unrelated to where their manifests live in memory, no manifest, string or map is touched
 * except the names and namespaces the comparator must compare. Bubbling works on small integer
 * ids and arrays instead of maps of optional strings.
 */
final class Ordering {

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

  private static final String NAMESPACE = "Namespace";
  private static final String CRD = "CustomResourceDefinition";
  private static final String CRD_GROUP = "apiextensions.k8s.io";

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
    /** The step planned for a desired object, before bubbling; null for a prune candidate. */
    final @Nullable SyncStep step;
    /** The effective options of a prune candidate; null for a desired object. */
    final @Nullable SyncOptions options;
    /** Whether bubbling gave the task the phase and wave of the step it moved before. */
    boolean moved;
    /** The sort key of the sort under way: phase, wave and rank here (see {@link #key}). */
    long key;
    /** Where the planner keeps the task's final step while it merges the prunes in. */
    int position;
    /** Ids for bubbling (-1 for none): the namespace it defines or needs, the CRD likewise. */
    int definesNamespace = -1;
    int needsNamespace = -1;
    int definesCrd = -1;
    int needsCrd = -1;

    Task(Manifest manifest, SyncPhase phase, int wave, int tieBreak) {
      this(manifest, phase, wave, tieBreak, null, null);
    }

    Task(Manifest manifest, SyncPhase phase, int wave, int tieBreak, @Nullable SyncStep step,
        @Nullable SyncOptions options) {
      this.manifest = manifest;
      this.phase = phase;
      this.wave = wave;
      this.tieBreak = tieBreak;
      this.rank = kindRank(manifest.kind());
      this.name = manifest.name();
      this.namespace = manifest.namespace();
      this.group = manifest.group();
      this.kind = manifest.kind();
      this.step = step;
      this.options = options;
    }
  }

  /**
   * Phase, wave, kind rank (all three in {@link Task#key}), name, namespace, group, kind, then
   * input order.
   */
  static final Comparator<Task> ORDER = (a, b) -> {
    int c = Long.compare(a.key, b.key);
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

  private Ordering() {
  }

  static int kindRank(String kind) {
    return RANK.getOrDefault(kind, 0);
  }

  /**
   * Packs a phase, a wave and a third small non-negative number into one long that orders as the
   * three do one after the other: phase ordinal in the top bits, the wave with its sign bit
   * flipped (so that signed order becomes unsigned order) in the middle 32, {@code low} in the
   * low 8.
   */
  static long key(SyncPhase phase, int wave, int low) {
    return (long) phase.ordinal() << 40 | (Integer.toUnsignedLong(wave ^ Integer.MIN_VALUE) << 8)
        | low;
  }

  /** Sorts, then moves each Namespace and CRD before the first task that needs it. */
  static void sort(List<Task> tasks) {
    int namespaces = 0;
    Map<String, Integer> namespaceIds = new HashMap<>();
    Map<String, Integer> crdIds = new HashMap<>();
    Set<String> crdKinds = new HashSet<>();
    // in input order, where the manifests' memory is visited front to back: ids of what each
    // task defines, then of what it needs
    for (Task t : tasks) {
      t.key = key(t.phase, t.wave, t.rank + KIND_ORDER.size());
      t.moved = false;
      t.definesNamespace = -1;
      t.definesCrd = -1;
      if (t.group.isEmpty() && t.kind.equals(NAMESPACE)) {
        Integer id = namespaceIds.putIfAbsent(t.name, namespaces);
        t.definesNamespace = id == null ? namespaces++ : id;
      } else if (t.group.equals(CRD_GROUP) && t.kind.equals(CRD)) {
        String defined = crdDefined(t.manifest);
        if (defined != null) {
          Integer id = crdIds.putIfAbsent(defined, crdIds.size());
          t.definesCrd = id == null ? crdIds.size() - 1 : id;
          crdKinds.add(defined.substring(defined.indexOf('/') + 1));
        }
      }
    }
    for (Task t : tasks) {
      t.needsNamespace = -1;
      t.needsCrd = -1;
      if (t.definesNamespace < 0 && !t.namespace.isEmpty() && namespaces > 0) {
        t.needsNamespace = namespaceIds.getOrDefault(t.namespace, -1);
      }
      if (t.definesCrd < 0 && crdKinds.contains(t.kind)) {
        t.needsCrd = crdIds.getOrDefault(t.group + "/" + t.kind, -1);
      }
    }
    tasks.sort(ORDER);
    if (namespaces > 0) {
      bubble(tasks, namespaces, false);
    }
    if (!crdIds.isEmpty()) {
      bubble(tasks, crdIds.size(), true);
    }
  }

  /** {@code group/kind} a CRD defines, or null when it is not a CRD or lacks either field. */
  private static @Nullable String crdDefined(Manifest m) {
    String group = m.at("/spec/group").map(Ordering::text).orElse(null);
    String kind = m.at("/spec/names/kind").map(Ordering::text).orElse(null);
    return group != null && kind != null ? group + "/" + kind : null;
  }

  private static @Nullable String text(JsonValue v) {
    return v instanceof JsonString s ? s.value() : null;
  }

  /**
   * gitops-engine's {@code adjustDeps}: each task that defines an id moves just before the first
   * task that needs it, if that one comes earlier, and adopts its phase and wave. Several tasks
   * moving before the same one keep their order. Linear, apart from sorting the few that move.
   */
  private static void bubble(List<Task> tasks, int ids, boolean crds) {
    int n = tasks.size();
    int[] firstUse = new int[ids];
    Arrays.fill(firstUse, -1);
    for (int i = 0; i < n; i++) {
      Task t = tasks.get(i);
      int need = crds ? t.needsCrd : t.needsNamespace;
      if (need >= 0 && firstUse[need] < 0) {
        firstUse[need] = i;
      }
    }
    // (target index << 32 | own index) of each task that moves; own indexes rise as found
    long[] moves = new long[8];
    int count = 0;
    for (int i = 0; i < n; i++) {
      Task t = tasks.get(i);
      int defined = crds ? t.definesCrd : t.definesNamespace;
      if (defined >= 0) {
        int index = firstUse[defined];
        if (index >= 0 && index < i) {
          Task first = tasks.get(index);
          t.wave = first.wave;
          t.phase = first.phase;
          t.moved = true;
          if (count == moves.length) {
            moves = Arrays.copyOf(moves, count * 2);
          }
          moves[count++] = (long) index << 32 | i;
        }
      }
    }
    if (count == 0) {
      return;
    }
    int[] from = new int[count];
    for (int k = 0; k < count; k++) {
      from[k] = (int) moves[k];
    }
    Arrays.sort(moves, 0, count);
    List<Task> out = new ArrayList<>(n);
    int next = 0;
    int skip = 0;
    for (int i = 0; i < n; i++) {
      while (next < count && (int) (moves[next] >>> 32) == i) {
        out.add(tasks.get((int) moves[next++]));
      }
      if (skip < count && from[skip] == i) {
        skip++;
      } else {
        out.add(tasks.get(i));
      }
    }
    tasks.clear();
    tasks.addAll(out);
  }
}
