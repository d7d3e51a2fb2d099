package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The task sort of gitops-engine: phase, wave, kind order, name; then dependency bubbling.
 *
 * <p>Shaped for 100k tasks (issue 6). Tasks are parallel arrays indexed by input position, and
 * what the sort and the bubbling read is copied into compact arrays while each manifest is in
 * hand, in input order: the phase, wave and kind rank packed into one {@code long}, the name into
 * one shared {@code char[]}, and small integer ids for the namespaces, group/kinds, Namespaces and
 * CRDs. Tasks are grouped by key with a counting sort, names are compared only within a group,
 * and bubbling works on the ids. So, once input order is left behind, nothing visits a manifest
 * (whose memory, at 100k objects, is far larger than the processor's caches), no map is keyed by
 * object identity and nothing is boxed.
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

  /**
   * Steps being planned, indexed by input position (which breaks ties): each one's object, and
   * the phase and wave bubbling may change.
   *
   * <p>{@link #add} reads from the manifest, while the caller has it in hand, everything the sort
   * and bubbling need: the sort key, the name's characters, and ids for its namespace, its group
   * and kind, and the Namespace or CRD it defines.
   */
  static final class Tasks {
    private Manifest[] manifests;
    private SyncPhase[] phases;
    private int[] waves;
    private boolean[] moved = new boolean[0];
    private int size;
    /** Phase, wave and kind rank, packed by {@link Ordering#key}. */
    private long[] keys;
    /** The names' characters, one after the other; task i's are [nameAt[i], nameAt[i + 1]). */
    private char[] names;
    private int[] nameAt;
    /** Ids + 1 (0: none) of the namespace a task is in, and of the Namespace it defines. */
    private int[] inNamespace;
    private int[] definesNamespace;
    /** Ids + 1 (0: none) of a task's group/kind, and of the group/kind a CRD task defines. */
    private int[] groupKind;
    private int[] definesCrd;
    private boolean namespaces;
    private boolean crds;
    private final Map<String, Integer> namespaceIds = new HashMap<>();
    /** Each kind's rank and group/kind ids. */
    private final Map<String, Kind> kinds = new HashMap<>();
    private int groupKindCount;

    Tasks(int capacity) {
      int c = Math.max(capacity, 4);
      manifests = new Manifest[c];
      phases = new SyncPhase[c];
      waves = new int[c];
      keys = new long[c];
      nameAt = new int[c + 1];
      names = new char[c * 8];
      inNamespace = new int[c];
      definesNamespace = new int[c];
      groupKind = new int[c];
      definesCrd = new int[c];
    }

    /** Adds a task and returns its index. */
    int add(Manifest manifest, SyncPhase phase, int wave) {
      if (size == manifests.length) {
        int c = size * 2;
        manifests = Arrays.copyOf(manifests, c);
        phases = Arrays.copyOf(phases, c);
        waves = Arrays.copyOf(waves, c);
        keys = Arrays.copyOf(keys, c);
        nameAt = Arrays.copyOf(nameAt, c + 1);
        inNamespace = Arrays.copyOf(inNamespace, c);
        definesNamespace = Arrays.copyOf(definesNamespace, c);
        groupKind = Arrays.copyOf(groupKind, c);
        definesCrd = Arrays.copyOf(definesCrd, c);
      }
      int i = size++;
      manifests[i] = manifest;
      phases[i] = phase;
      waves[i] = wave;
      String name = manifest.name();
      int at = nameAt[i];
      if (at + name.length() > names.length) {
        names = Arrays.copyOf(names, Math.max(names.length * 2, at + name.length()));
      }
      name.getChars(0, name.length(), names, at);
      nameAt[i + 1] = at + name.length();
      String namespace = manifest.namespace();
      if (!namespace.isEmpty()) {
        inNamespace[i] = namespaceId(namespace) + 1;
      }
      String group = manifest.group();
      String kind = manifest.kind();
      Kind k = kind(kind);
      keys[i] = key(phase, wave, k.rank + KIND_ORDER.size());
      groupKind[i] = groupKindId(k, group) + 1;
      if (group.isEmpty() && kind.equals(NAMESPACE)) {
        definesNamespace[i] = namespaceId(name) + 1;
        namespaces = true;
      } else if (group.equals(CRD_GROUP) && kind.equals(CRD)) {
        String defined = crdDefined(manifest);
        if (defined != null) {
          // gitops-engine compares group + "/" + kind with this string; a task's group has no
          // '/' (its apiVersion has at most one), so only the split at the first '/' can match
          int slash = defined.indexOf('/');
          definesCrd[i] = groupKindId(kind(defined.substring(slash + 1)),
              defined.substring(0, slash)) + 1;
          crds = true;
        }
      }
      return i;
    }

    private int namespaceId(String namespace) {
      Integer id = namespaceIds.get(namespace);
      if (id == null) {
        id = namespaceIds.size();
        namespaceIds.put(namespace, id);
      }
      return id;
    }

    private Kind kind(String kind) {
      Kind k = kinds.get(kind);
      if (k == null) {
        k = new Kind(kindRank(kind));
        kinds.put(kind, k);
      }
      return k;
    }

    private int groupKindId(Kind kind, String group) {
      Integer id = kind.groups.get(group);
      if (id == null) {
        id = groupKindCount++;
        kind.groups.put(group, id);
      }
      return id;
    }

    int size() {
      return size;
    }

    Manifest manifest(int i) {
      return manifests[i];
    }

    SyncPhase phase(int i) {
      return phases[i];
    }

    int wave(int i) {
      return waves[i];
    }

    void wave(int i, int wave) {
      waves[i] = wave;
    }

    /** Whether bubbling gave the task the phase and wave of the task it moved before. */
    boolean moved(int i) {
      return i < moved.length && moved[i];
    }
  }

  /** A kind's rank, and the id of each group/kind with that kind. */
  private static final class Kind {
    final int rank;
    final Map<String, Integer> groups = new HashMap<>(4);

    Kind(int rank) {
      this.rank = rank;
    }
  }

  private Ordering() {
  }

  static int kindRank(String kind) {
    return RANK.getOrDefault(kind, 0);
  }

  /**
   * Packs a phase, a wave and a small non-negative number into one long that orders as the
   * three do one after the other: the phase ordinal in the top bits, the wave with its sign bit
   * flipped (so that signed order becomes unsigned order) in the middle 32, {@code low} (below
   * 256) in the low 8.
   */
  static long key(SyncPhase phase, int wave, int low) {
    return (long) phase.ordinal() << 40 | (Integer.toUnsignedLong(wave ^ Integer.MIN_VALUE) << 8)
        | low;
  }

  /**
   * Sorts by phase, wave, kind rank, name, namespace, group, kind and input position; then moves
   * each Namespace and CRD before the first task that needs it.
   *
   * @return the task indexes in order
   */
  static int[] sort(Tasks tasks) {
    int n = tasks.size;
    tasks.moved = new boolean[n];
    long[] keys = tasks.keys;
    // First by key, with a counting sort over the distinct keys (phase x wave x kind rank: few),
    // which keeps input order within each; then names are compared only within one key.
    long[] distinct = Arrays.copyOf(keys, n);
    Arrays.sort(distinct);
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[d++] = distinct[i];
      }
    }
    int[] bucket = new int[n];
    int[] start = new int[d + 1];
    for (int i = 0; i < n; i++) {
      bucket[i] = Arrays.binarySearch(distinct, 0, d, keys[i]);
      start[bucket[i] + 1]++;
    }
    for (int b = 0; b < d; b++) {
      start[b + 1] += start[b];
    }
    int[] order = new int[n];
    int[] next = Arrays.copyOf(start, d);
    for (int i = 0; i < n; i++) {
      order[next[bucket[i]]++] = i;
    }
    char[] names = tasks.names;
    int[] nameAt = tasks.nameAt;
    Manifest[] manifests = tasks.manifests;
    IndexSort.IndexComparator byName = (a, b) -> {
      int c = Arrays.compare(names, nameAt[a], nameAt[a + 1], names, nameAt[b], nameAt[b + 1]);
      if (c != 0) {
        return c;
      }
      // rare: same phase, wave, kind rank and name
      Manifest x = manifests[a];
      Manifest y = manifests[b];
      c = x.namespace().compareTo(y.namespace());
      if (c != 0) {
        return c;
      }
      c = x.group().compareTo(y.group());
      if (c != 0) {
        return c;
      }
      c = x.kind().compareTo(y.kind());
      return c != 0 ? c : Integer.compare(a, b);
    };
    int[] tmp = new int[n];
    for (int b = 0; b < d; b++) {
      IndexSort.sort(order, tmp, start[b], start[b + 1], byName);
    }
    if (tasks.namespaces) {
      order = bubble(tasks, order, tasks.definesNamespace, tasks.inNamespace,
          tasks.namespaceIds.size());
    }
    if (tasks.crds) {
      order = bubble(tasks, order, tasks.definesCrd, tasks.groupKind, tasks.groupKindCount);
    }
    return order;
  }

  /** {@code group/kind} a CRD defines, or null when it lacks either field. */
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
  private static int[] bubble(Tasks tasks, int[] order, int[] defines, int[] needs, int ids) {
    int n = order.length;
    int[] firstUse = new int[ids];
    Arrays.fill(firstUse, -1);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      int need = needs[i] - 1;
      if (need >= 0 && defines[i] == 0 && firstUse[need] < 0) {
        firstUse[need] = k;
      }
    }
    // (position moved before << 32 | own position) of each task that moves, found rising
    long[] moves = new long[8];
    int count = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      int defined = defines[i] - 1;
      if (defined >= 0) {
        int before = firstUse[defined];
        if (before >= 0 && before < k) {
          int first = order[before];
          tasks.waves[i] = tasks.waves[first];
          tasks.phases[i] = tasks.phases[first];
          tasks.moved[i] = true;
          if (count == moves.length) {
            moves = Arrays.copyOf(moves, count * 2);
          }
          moves[count++] = (long) before << 32 | k;
        }
      }
    }
    if (count == 0) {
      return order;
    }
    int[] from = new int[count];
    for (int m = 0; m < count; m++) {
      from[m] = (int) moves[m];
    }
    Arrays.sort(moves, 0, count);
    int[] out = new int[n];
    int o = 0;
    int next = 0;
    int skip = 0;
    for (int k = 0; k < n; k++) {
      while (next < count && (int) (moves[next] >>> 32) == k) {
        out[o++] = order[(int) moves[next++]];
      }
      if (skip < count && from[skip] == k) {
        skip++;
      } else {
        out[o++] = order[k];
      }
    }
    return out;
  }
}
