package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The task sort of gitops-engine: phase, wave, kind order, name; then dependency bubbling. */
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

  private Ordering() {
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
      adjust(tasks, Ordering::namespaceDefined, m -> optional(m.namespace()));
    }
    if (crds) {
      // only kinds some CRD in this sync defines can need one: skip building keys for the rest
      java.util.Set<String> definedKinds = new java.util.HashSet<>();
      for (Task t : tasks) {
        crdDefined(t.manifest).ifPresent(k -> definedKinds.add(k.substring(k.indexOf('/') + 1)));
      }
      adjust(tasks, Ordering::crdDefined, m -> definedKinds.contains(m.kind())
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
    Optional<String> group = m.at("/spec/group").flatMap(Ordering::text);
    Optional<String> kind = m.at("/spec/names/kind").flatMap(Ordering::text);
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
