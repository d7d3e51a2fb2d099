package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Base of the simulated controllers: access to the store's internal write pipeline (the caller
 * holds the store lock) and the JSON helpers every controller needs. A controller reconciles the
 * whole store in one call; {@link Controllers} calls them in turn until nothing changes.
 */
abstract class Reconciler {

  static final GroupKind POD = new GroupKind("", "Pod");
  static final GroupKind NODE = new GroupKind("", "Node");
  static final GroupKind NAMESPACE = new GroupKind("", "Namespace");
  static final GroupKind PVC = new GroupKind("", "PersistentVolumeClaim");
  static final GroupKind PV = new GroupKind("", "PersistentVolume");
  static final GroupKind SERVICE = new GroupKind("", "Service");
  static final GroupKind DEPLOYMENT = new GroupKind("apps", "Deployment");
  static final GroupKind REPLICA_SET = new GroupKind("apps", "ReplicaSet");
  static final GroupKind STATEFUL_SET = new GroupKind("apps", "StatefulSet");
  static final GroupKind DAEMON_SET = new GroupKind("apps", "DaemonSet");
  static final GroupKind CONTROLLER_REVISION = new GroupKind("apps", "ControllerRevision");
  static final GroupKind JOB = new GroupKind("batch", "Job");
  static final GroupKind INGRESS = new GroupKind("networking.k8s.io", "Ingress");
  static final GroupKind STORAGE_CLASS = new GroupKind("storage.k8s.io", "StorageClass");

  /** The field manager of the controllers that run in kube-controller-manager. */
  static final String KCM = "kube-controller-manager";

  private static final String HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final int MAX_SETTLED = 20_000;

  final Store store;
  final SimulatedCluster.ImagePolicy images;
  /** Per object, the signature of inputs after which a run wrote nothing. */
  private final Map<String, String> settled = new HashMap<>();

  Reconciler(Store store, SimulatedCluster.ImagePolicy images) {
    this.store = store;
    this.images = images;
  }

  /** Brings every object this controller owns one step closer to its desired state. */
  abstract void reconcile();

  // ---------------------------------------------------------------- time

  /** The current simulated instant, at the API's one-second precision. */
  final Instant now() {
    return store.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }

  static String ts(Instant t) {
    return SimulatedCluster.timestamp(t);
  }

  static @Nullable Instant parseTs(@Nullable JsonValue v) {
    if (v instanceof JsonString s) {
      try {
        return Instant.parse(s.value());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  static Instant created(Manifest m) {
    Instant t = parseTs(m.metadata().getOrNull("creationTimestamp"));
    return t != null ? t : Instant.EPOCH;
  }

  // ---------------------------------------------------------------- writes

  static WriteOptions as(String manager) {
    return WriteOptions.defaults().withFieldManager(manager);
  }

  final Manifest create(Manifest m, String manager) {
    return store.createInternal(m, as(manager));
  }

  /** Writes spec and metadata (not status). */
  final Manifest update(Manifest m, String manager) {
    return store.updateInternal(m, as(manager), false, true, true);
  }

  /** Writes a status when it differs from the stored one. */
  final Manifest writeStatus(Manifest m, JsonObject status, String manager) {
    if (status.equals(m.root().getOrNull("status"))) {
      return m;
    }
    return store.updateInternal(m.withRoot(m.root().with("status", status)), as(manager), true,
        true);
  }

  /** Deletes an object with background propagation, if it still exists. */
  final void delete(Manifest m) {
    if (store.find(m.groupKind(), m.namespace(), m.name()).isPresent()) {
      store.deleteInternal(new Store.ObjRef(m.groupKind(), new Store.Ref(m.namespace(),
          m.name())), PropagationPolicy.BACKGROUND);
    }
  }

  /**
   * Runs one object's reconciliation unless it already ran with the same inputs and wrote
   * nothing. The signature must name everything the step reads (resource versions and, for
   * time-dependent steps, the instant).
   */
  final void unlessSettled(Manifest obj, String signature, Runnable step) {
    if (settled.size() > MAX_SETTLED) {
      settled.clear();
    }
    String key = obj.groupKind() + "/" + uid(obj);
    if (signature.equals(settled.get(key))) {
      return;
    }
    long before = store.revision();
    guarded(step);
    if (store.revision() == before) {
      settled.put(key, signature);
    } else {
      settled.remove(key);
    }
  }

  /** A signature part: the resource versions of some objects, and the current instant. */
  final String versions(Manifest first, List<Manifest> more) {
    StringBuilder b = new StringBuilder(now().toString()).append('|').append(rv(first));
    for (Manifest m : more) {
      b.append(',').append(rv(m));
    }
    return b.toString();
  }

  static String rv(Manifest m) {
    return m.metadata().getString("resourceVersion").orElse("");
  }

  /** Runs one object's reconciliation; API errors (e.g. admission refusals) skip the object. */
  static void guarded(Runnable step) {
    try {
      step.run();
    } catch (ClusterException e) {
      // the simulated controller retries on the next run, as a real one would
    }
  }

  // ---------------------------------------------------------------- objects and owners

  static String uid(Manifest m) {
    return m.metadata().getString("uid").orElse("");
  }

  static boolean terminating(Manifest m) {
    return m.metadata().has("deletionTimestamp");
  }

  static JsonObject ownerRef(Manifest owner) {
    return JsonObject.builder()
        .put("apiVersion", owner.apiVersion())
        .put("kind", owner.kind())
        .put("name", owner.name())
        .put("uid", uid(owner))
        .put("controller", JsonBoolean.TRUE)
        .put("blockOwnerDeletion", JsonBoolean.TRUE)
        .build();
  }

  /** The uid of an object's controller (the owner reference with {@code controller: true}). */
  static @Nullable String controllerUid(Manifest m) {
    for (JsonValue r : arr(m.metadata(), "ownerReferences").items()) {
      if (r instanceof JsonObject o && o.getOrNull("controller") == JsonBoolean.TRUE) {
        return o.getString("uid").orElse(null);
      }
    }
    return null;
  }

  /** The objects of a kind grouped by their controller's uid, each list in name order. */
  final Map<String, List<Manifest>> byController(GroupKind gk) {
    Map<String, List<Manifest>> out = new TreeMap<>();
    for (Manifest m : store.objectsOf(gk)) {
      String owner = controllerUid(m);
      if (owner != null) {
        out.computeIfAbsent(owner, k -> new ArrayList<>()).add(m);
      }
    }
    return out;
  }

  /** A new object of a built-in kind owned by a controller. */
  static JsonObject newMeta(Manifest owner, @Nullable String name, @Nullable String generateName,
      JsonObject labels, JsonObject annotations) {
    JsonObject.Builder b = JsonObject.builder().put("namespace", owner.namespace())
        .put("ownerReferences", JsonArray.of(ownerRef(owner)));
    if (name != null) {
      b.put("name", name);
    }
    if (generateName != null) {
      b.put("generateName", generateName);
    }
    if (!labels.isEmpty()) {
      b.put("labels", labels);
    }
    if (!annotations.isEmpty()) {
      b.put("annotations", annotations);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- pods

  /** Whether a pod still counts: not being deleted and not Succeeded or Failed. */
  static boolean active(Manifest pod) {
    String phase = str(status(pod), "phase", "");
    return !terminating(pod) && !phase.equals("Succeeded") && !phase.equals("Failed");
  }

  static boolean podReady(Manifest pod) {
    return conditionTrue(status(pod), "Ready");
  }

  /** Kubernetes' {@code IsPodAvailable}: Ready for longer than {@code minReadySeconds}. */
  static boolean podAvailable(Manifest pod, long minReadySeconds, Instant now) {
    if (!podReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    JsonObject ready = condition(status(pod), "Ready");
    Instant since = ready == null ? null : parseTs(ready.getOrNull("lastTransitionTime"));
    return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
  }

  /** A pod for a controller's template: its labels, annotations and spec, bound to a node. */
  final Manifest newPod(Manifest owner, JsonObject template, @Nullable String name,
      JsonObject extraLabels, JsonObject extraAnnotations, JsonObject specChanges) {
    JsonObject meta = obj(template, "metadata");
    JsonObject labels = obj(meta, "labels");
    for (int i = 0; i < extraLabels.size(); i++) {
      labels = labels.with(extraLabels.keyAt(i), extraLabels.valueAt(i));
    }
    JsonObject annotations = obj(meta, "annotations");
    for (int i = 0; i < extraAnnotations.size(); i++) {
      annotations = annotations.with(extraAnnotations.keyAt(i), extraAnnotations.valueAt(i));
    }
    JsonObject podSpec = obj(template, "spec");
    for (int i = 0; i < specChanges.size(); i++) {
      podSpec = podSpec.with(specChanges.keyAt(i), specChanges.valueAt(i));
    }
    if (!podSpec.has("nodeName")) {
      String node = Scheduler.pick(store, podSpec);
      if (node != null) {
        podSpec = podSpec.with("nodeName", json(node));
      }
    }
    return Manifest.of(o("apiVersion", "v1", "kind", "Pod",
        "metadata", newMeta(owner, name, name == null ? owner.name() + "-" : null, labels,
            annotations),
        "spec", podSpec));
  }

  // ---------------------------------------------------------------- controller revisions

  /**
   * The ControllerRevision {@code <owner>-<hash>} holding a pod template, created if missing;
   * an older revision that matches again is renumbered to be the newest, as Kubernetes does.
   */
  final Manifest ensureRevision(Manifest owner, JsonObject template, List<Manifest> revisions) {
    String hash = shortHash(template);
    String name = owner.name() + "-" + hash;
    long newest = 0;
    Manifest existing = null;
    for (Manifest r : revisions) {
      newest = Math.max(newest, num(r.root(), "revision", 0));
      if (r.name().equals(name)) {
        existing = r;
      }
    }
    if (existing != null) {
      if (num(existing.root(), "revision", 0) < newest) {
        Manifest bumped = update(existing.withRoot(existing.root().with("revision",
            json(newest + 1))), KCM);
        revisions.set(revisions.indexOf(existing), bumped);
        return bumped;
      }
      return existing;
    }
    JsonObject labels = obj(obj(template, "metadata"), "labels")
        .with("controller.kubernetes.io/hash", json(hash));
    Manifest created = create(Manifest.of(o("apiVersion", "apps/v1", "kind", "ControllerRevision",
        "metadata", newMeta(owner, name, null, labels, JsonObject.empty()),
        "data", o("spec", o("template", template.with("$patch", json("replace")))),
        "revision", newest + 1)), KCM);
    revisions.add(created);
    return created;
  }

  /** The pod template stored in a ControllerRevision. */
  static JsonObject revisionTemplate(Manifest revision) {
    return obj(obj(obj(revision.root(), "data"), "spec"), "template").without("$patch");
  }

  /** Deletes the oldest revisions beyond the owner's history limit that no pod uses. */
  final void pruneRevisions(Manifest owner, List<Manifest> revisions, Set<String> live) {
    long limit = num(spec(owner), "revisionHistoryLimit", 10);
    List<Manifest> dead = new ArrayList<>();
    for (Manifest r : revisions) {
      if (!live.contains(r.name())) {
        dead.add(r);
      }
    }
    dead.sort(Comparator.comparingLong((Manifest r) -> num(r.root(), "revision", 0)));
    for (int i = 0; i < dead.size() - limit; i++) {
      delete(dead.get(i));
    }
  }

  // ---------------------------------------------------------------- JSON

  static JsonObject obj(@Nullable JsonObject o, String key) {
    return o == null ? JsonObject.empty() : o.getObject(key).orElse(JsonObject.empty());
  }

  static JsonArray arr(@Nullable JsonObject o, String key) {
    return o == null ? JsonArray.empty() : o.getArray(key).orElse(JsonArray.empty());
  }

  static String str(@Nullable JsonObject o, String key, String dflt) {
    return o == null ? dflt : o.getString(key).orElse(dflt);
  }

  static long num(@Nullable JsonObject o, String key, long dflt) {
    if (o != null && o.getOrNull(key) instanceof JsonNumber n) {
      return n.longValue();
    }
    return dflt;
  }

  static boolean bool(@Nullable JsonObject o, String key) {
    return o != null && o.getOrNull(key) == JsonBoolean.TRUE;
  }

  static JsonObject spec(Manifest m) {
    return obj(m.root(), "spec");
  }

  static JsonObject status(Manifest m) {
    return obj(m.root(), "status");
  }

  static long generation(Manifest m) {
    return num(m.metadata(), "generation", 0);
  }

  /** {@code spec.replicas}, defaulting to 1. */
  static int replicas(Manifest m) {
    return (int) num(spec(m), "replicas", 1);
  }

  /**
   * Builds an object from alternating names and values; null values are left out. Values may be
   * JSON values, strings, numbers or booleans.
   */
  static JsonObject o(Object... kv) {
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v != null) {
        b.put((String) kv[i], json(v));
      }
    }
    return b.build();
  }

  static JsonValue json(Object v) {
    if (v instanceof JsonValue j) {
      return j;
    }
    if (v instanceof String s) {
      return JsonString.of(s);
    }
    if (v instanceof Number n) {
      return JsonNumber.of(n.longValue());
    }
    if (v instanceof Boolean b) {
      return JsonBoolean.of(b);
    }
    throw new IllegalArgumentException("not a JSON value: " + v);
  }

  static JsonObject stringMap(Map<String, String> m) {
    JsonObject.Builder b = JsonObject.builder();
    m.forEach(b::put);
    return b.build();
  }

  static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < o.size(); i++) {
      if (o.valueAt(i) instanceof JsonString s) {
        out.put(o.keyAt(i), s.value());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- conditions

  static @Nullable JsonObject condition(JsonObject status, String type) {
    for (JsonValue c : arr(status, "conditions").items()) {
      if (c instanceof JsonObject o && type.equals(o.getString("type").orElse(null))) {
        return o;
      }
    }
    return null;
  }

  static boolean conditionTrue(JsonObject status, String type) {
    JsonObject c = condition(status, type);
    return c != null && "True".equals(c.getString("status").orElse(""));
  }

  /**
   * Kubernetes' {@code SetCondition}: an existing condition with the same status and reason is
   * kept as is; one with the same status keeps its {@code lastTransitionTime}; the new condition
   * replaces the old one at the end of the list.
   */
  static JsonObject setCondition(JsonObject status, JsonObject cond) {
    String type = cond.getString("type").orElseThrow();
    JsonObject current = condition(status, type);
    JsonObject c = cond;
    if (current != null
        && Objects.equals(current.getOrNull("status"), cond.getOrNull("status"))) {
      if (Objects.equals(current.getOrNull("reason"), cond.getOrNull("reason"))) {
        return status;
      }
      JsonValue t = current.getOrNull("lastTransitionTime");
      if (t != null) {
        c = c.with("lastTransitionTime", t);
      }
    }
    JsonObject rest = removeCondition(status, type);
    return rest.with("conditions", arr(rest, "conditions").append(c));
  }

  static JsonObject removeCondition(JsonObject status, String type) {
    JsonArray.Builder kept = JsonArray.builder();
    boolean removed = false;
    for (JsonValue c : arr(status, "conditions").items()) {
      if (c instanceof JsonObject o && type.equals(o.getString("type").orElse(null))) {
        removed = true;
      } else {
        kept.add(c);
      }
    }
    if (!removed) {
      return status;
    }
    JsonArray k = kept.build();
    return k.isEmpty() ? status.without("conditions") : status.with("conditions", k);
  }

  // ---------------------------------------------------------------- numbers and hashes

  /**
   * Resolves an int-or-percent field against a total, as {@code GetScaledValueFromIntOrPercent}.
   */
  static int scaled(@Nullable JsonValue v, int total, boolean roundUp, String dflt) {
    JsonValue value = v == null ? JsonString.of(dflt) : v;
    if (value instanceof JsonNumber n) {
      return (int) n.longValue();
    }
    if (value instanceof JsonString s) {
      String text = s.value().trim();
      try {
        if (text.endsWith("%")) {
          long pct = Long.parseLong(text.substring(0, text.length() - 1));
          long scaledUp = (pct * total + 99) / 100;
          return (int) (roundUp ? scaledUp : pct * total / 100);
        }
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** A 10-character name-safe hash of a JSON value (as a pod-template-hash looks). */
  static String shortHash(JsonValue v) {
    long h = v.contentHash() & Long.MAX_VALUE;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append(HASH_ALPHABET.charAt((int) (h % HASH_ALPHABET.length())));
      h /= HASH_ALPHABET.length();
    }
    return b.toString();
  }

  /** The lowercase hex SHA-256 of a text, for container and image ids. */
  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (byte x : d) {
        b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
