package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.FieldValidation;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.ResourceList;
import io.gitopskit.core.cluster.Watch;
import io.gitopskit.core.cluster.WatchEvent;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.patch.SchemaTypeInfo;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.schema.KubernetesSchema;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import io.gitopskit.testkit.apiserver.ApiErrors;
import org.jspecify.annotations.Nullable;

/**
 * The simulated API server's storage and write pipeline. All state is guarded by {@code this};
 * watch events are queued under the lock and delivered after it is released, in order.
 */
final class Store {

  static final String LAST_APPLIED = ClusterTarget.LAST_APPLIED_ANNOTATION;
  private static final List<String> SYSTEM_NAMESPACES =
      List.of("default", "kube-node-lease", "kube-public", "kube-system");

  /** One served kind: the discovery entry (storage version) and the other served versions. */
  record Kind(ApiResource resource, Set<String> versions, boolean statusSubresource,
      boolean custom) {}

  /** A stored object and its revision. */
  record Stored(Manifest object, long revision) {}

  /** A namespace-qualified name. */
  record Ref(String namespace, String name) implements Comparable<Ref> {
    @Override
    public int compareTo(Ref o) {
      int c = namespace.compareTo(o.namespace);
      return c != 0 ? c : name.compareTo(o.name);
    }
  }

  /** The objects of one kind, with a label index. */
  static final class Table {
    /** Ordered, for lists and namespace scans. */
    final TreeMap<Ref, Stored> objects = new TreeMap<>();
    /** The same objects by name, for O(1) lookups on large clusters. */
    private final HashMap<Ref, Stored> byRef = new HashMap<>();
    final Map<String, Map<String, Set<Ref>>> labels = new HashMap<>();

    @Nullable Stored get(Ref ref) {
      return byRef.get(ref);
    }

    boolean containsKey(Ref ref) {
      return byRef.containsKey(ref);
    }

    void put(Ref ref, Stored stored, @Nullable Stored previous) {
      if (previous != null) {
        unindex(ref, previous.object());
      }
      objects.put(ref, stored);
      byRef.put(ref, stored);
      stored.object().labels().forEach((k, v) ->
          labels.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new HashSet<>())
              .add(ref));
    }

    void remove(Ref ref) {
      byRef.remove(ref);
      Stored previous = objects.remove(ref);
      if (previous != null) {
        unindex(ref, previous.object());
      }
    }

    private void unindex(Ref ref, Manifest m) {
      m.labels().forEach((k, v) -> {
        Map<String, Set<Ref>> byValue = labels.get(k);
        if (byValue != null) {
          Set<Ref> refs = byValue.get(v);
          if (refs != null) {
            refs.remove(ref);
            if (refs.isEmpty()) {
              byValue.remove(v);
              if (byValue.isEmpty()) {
                labels.remove(k);
              }
            }
          }
        }
      });
    }

    /** Candidates for a selector: the smallest posting list of its equality requirements. */
    Collection<Ref> candidates(String namespace, LabelSelector selector) {
      Set<Ref> best = null;
      for (LabelSelector.Requirement r : selector.requirements()) {
        if (r.operator() == LabelSelector.Operator.EQUALS
            || (r.operator() == LabelSelector.Operator.IN && r.values().size() == 1)) {
          Map<String, Set<Ref>> byValue = labels.get(r.key());
          Set<Ref> refs = byValue == null ? Set.of()
              : byValue.getOrDefault(r.values().iterator().next(), Set.of());
          if (best == null || refs.size() < best.size()) {
            best = refs;
          }
        } else if (r.operator() == LabelSelector.Operator.EXISTS && best == null) {
          Map<String, Set<Ref>> byValue = labels.get(r.key());
          if (byValue == null) {
            return List.of();
          }
        }
      }
      if (best != null) {
        List<Ref> sorted = new ArrayList<>();
        for (Ref ref : best) {
          if (namespace.isEmpty() || ref.namespace().equals(namespace)) {
            sorted.add(ref);
          }
        }
        Collections.sort(sorted);
        return sorted;
      }
      if (namespace.isEmpty()) {
        return objects.keySet();
      }
      return objects.subMap(new Ref(namespace, ""), true, new Ref(namespace + "\0", ""), false)
          .keySet();
    }
  }

  private record Event(long revision, GroupKind kind, WatchEvent event) {}

  private final class Watcher implements Watch {
    final GroupKind kind;
    final String version;
    final String namespace;
    final LabelSelector selector;
    final Consumer<WatchEvent> listener;
    volatile boolean open = true;

    Watcher(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener) {
      this.kind = gvk.groupKind();
      this.version = gvk.version();
      this.namespace = options.namespace();
      this.selector = options.selector();
      this.listener = listener;
    }

    boolean wants(GroupKind k, Manifest m) {
      return open && kind.equals(k)
          && (namespace.isEmpty() || namespace.equals(m.namespace()))
          && selector.matches(m.labels());
    }

    @Override
    public void close() {
      open = false;
      synchronized (Store.this) {
        watchers.remove(this);
      }
    }
  }

  private final SimulatedCluster.Builder config;
  private final ManualClock clock;
  private Random random;
  private final Map<GroupKind, Kind> kinds = new TreeMap<>();
  private final Map<GroupKind, Table> tables = new HashMap<>();
  private final Map<String, Set<ObjRef>> dependents = new HashMap<>();
  /** Every stored object by uid, so owner lookups never scan the store. */
  private final Map<String, ObjRef> byUid = new HashMap<>();
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<Watcher> watchers = new ArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
  private final Object deliveryLock = new Object();
  private final Strategy strategy;
  private final Controllers controllers;
  /** Where committed changes are appended (durable mode); null in memory only. */
  private final @Nullable Journal journal;
  private long revision = 1;
  private KubernetesSchema schema = KubernetesSchema.builtIn();
  private int controllerDepth;
  /** True while a server-side apply runs the write pipeline: its managedFields are final. */
  private boolean applying;

  /** An object's identity across kinds. */
  record ObjRef(GroupKind kind, Ref ref) {}

  Store(SimulatedCluster.Builder config) {
    this.config = config;
    this.clock = config.clock;
    this.random = new Random(config.seed);
    this.strategy = new Strategy(this);
    this.controllers = new Controllers(this, config.images, config.controllers);
    this.journal = config.journal == null ? null : new Journal(config.journal);
    List<Journal.Entry> recorded = journal != null && journal.exists() ? journal.read()
        : List.of();
    if (recorded.isEmpty()) {
      reset(); // no journal, or one whose only line was torn
    } else {
      restore(recorded);
      // a process killed after a write but before the controllers ran: they resume, as a real
      // cluster's would (a stable state is left unchanged)
      runControllers();
    }
  }

  // ---------------------------------------------------------------- discovery

  synchronized void reset() {
    clear();
    if (journal != null) {
      journal.append(Journal.Op.RESET, revision, clock.instant(), null);
    }
    for (String ns : SYSTEM_NAMESPACES) {
      JsonObject root = JsonObject.builder()
          .put("apiVersion", "v1").put("kind", "Namespace")
          .put("metadata", JsonObject.of("name", JsonString.of(ns))).build();
      createInternal(Manifest.of(root), WriteOptions.defaults().withFieldManager("kube-apiserver"));
    }
    controllers.start();
  }

  /** Forgets every object and kind but the built-in ones; caller holds the lock. */
  private void clear() {
    for (Watcher w : watchers) {
      w.open = false;
    }
    watchers.clear();
    kinds.clear();
    tables.clear();
    dependents.clear();
    byUid.clear();
    history.clear();
    schema = KubernetesSchema.builtIn();
    for (ApiResource r : schema.resources()) {
      register(r, schema.hasStatusSubresource(r.gvk()), false);
    }
    for (ApiResource r : config.extraResources) {
      register(r, true, false);
    }
  }

  /**
   * Rebuilds the state a journal recorded: objects, revision, CRD-registered kinds; moves the
   * clock to the last recorded instant. Watch history starts empty.
   */
  private synchronized void restore(List<Journal.Entry> entries) {
    clear();
    Instant last = clock.instant();
    for (Journal.Entry e : entries) {
      Manifest m = e.object();
      if (e.op() == Journal.Op.RESET || m == null) {
        clear();
      } else {
        GroupKind gk = m.groupKind();
        Ref ref = new Ref(m.namespace(), m.name());
        Stored previous = table(gk).get(ref);
        if (e.op() == Journal.Op.PUT) {
          index(gk, ref, new Stored(m, e.revision()), previous);
          Kind k = kinds.get(gk);
          if (previous == null && k != null) {
            strategy.afterCreate(k, m);
          }
        } else if (previous != null) {
          unindex(new ObjRef(gk, ref), previous);
          strategy.afterDelete(kinds.get(gk), m);
        }
      }
      revision = Math.max(revision, e.revision());
      if (e.time().isAfter(last)) {
        last = e.time();
      }
    }
    // uids and generated names must not repeat those drawn before the restart
    random = new Random(config.seed ^ (revision * 0x9E3779B97F4A7C15L));
    strategy.afterRestore();
    history.clear();
    if (clock.instant().isBefore(last)) {
      clock.set(last);
    }
  }

  synchronized void register(ApiResource r, boolean statusSubresource, boolean custom) {
    GroupKind gk = r.gvk().groupKind();
    Kind existing = kinds.get(gk);
    if (existing != null) {
      Set<String> versions = new LinkedHashSet<>(existing.versions());
      versions.add(r.gvk().version());
      kinds.put(gk, new Kind(existing.resource(), versions, existing.statusSubresource(),
          existing.custom()));
    } else {
      kinds.put(gk, new Kind(r, new LinkedHashSet<>(List.of(r.gvk().version())),
          statusSubresource, custom));
    }
  }

  synchronized void unregister(GroupKind gk) {
    Table t = tables.remove(gk);
    if (t != null) {
      for (Map.Entry<Ref, Stored> e : new ArrayList<>(t.objects.entrySet())) {
        e.getValue().object().metadata().getString("uid").ifPresent(byUid::remove);
        emit(gk, WatchEvent.Type.DELETED, e.getValue().object());
      }
    }
    kinds.remove(gk);
  }

  synchronized List<ApiResource> resources() {
    List<ApiResource> out = new ArrayList<>();
    for (Kind k : kinds.values()) {
      for (String v : k.versions()) {
        ApiResource r = k.resource();
        out.add(new ApiResource(new GroupVersionKind(r.gvk().group(), v, r.gvk().kind()),
            r.plural(), r.namespaced(), r.verbs()));
      }
    }
    out.sort(Comparator.comparing((ApiResource r) -> r.gvk().group())
        .thenComparing(r -> r.gvk().version()).thenComparing(r -> r.gvk().kind()));
    return out;
  }

  synchronized ApiResource resource(GroupVersionKind gvk) {
    return kind(gvk).resource();
  }

  Kind kind(GroupVersionKind gvk) {
    Kind k = kinds.get(gvk.groupKind());
    if (k == null || !k.versions().contains(gvk.version())) {
      throw new ClusterException.NotFound("the server could not find the requested resource ("
          + gvk + ")");
    }
    return k;
  }

  @Nullable Kind kindOrNull(GroupKind gk) {
    return kinds.get(gk);
  }

  // ---------------------------------------------------------------- reads

  Optional<Manifest> get(GroupVersionKind gvk, String namespace, String name) {
    try {
      synchronized (this) {
        Kind k = kind(gvk);
        Stored s = table(gvk.groupKind()).get(new Ref(ns(k, namespace), name));
        return s == null ? Optional.empty() : Optional.of(asVersion(s.object(), gvk));
      }
    } finally {
      deliver();
    }
  }

  synchronized ResourceList list(GroupVersionKind gvk, String namespace, LabelSelector selector) {
    Kind k = kind(gvk);
    Table t = table(gvk.groupKind());
    List<Manifest> items = new ArrayList<>();
    String n = k.resource().namespaced() ? namespace : "";
    for (Ref ref : t.candidates(n, selector)) {
      Stored s = t.get(ref);
      if (s != null && selector.matches(s.object().labels())) {
        items.add(asVersion(s.object(), gvk));
      }
    }
    return new ResourceList(items, Long.toString(revision));
  }

  synchronized List<Manifest> all() {
    List<Manifest> out = new ArrayList<>();
    for (GroupKind gk : new TreeMap<>(tables).keySet()) {
      for (Stored s : tables.get(gk).objects.values()) {
        out.add(s.object());
      }
    }
    return out;
  }

  synchronized int size() {
    int n = 0;
    for (Table t : tables.values()) {
      n += t.objects.size();
    }
    return n;
  }

  /** Objects of one kind (all versions), for controllers. */
  synchronized List<Manifest> objectsOf(GroupKind gk) {
    Table t = tables.get(gk);
    if (t == null) {
      return List.of();
    }
    List<Manifest> out = new ArrayList<>();
    for (Stored s : t.objects.values()) {
      out.add(s.object());
    }
    return out;
  }

  synchronized Optional<Manifest> find(GroupKind gk, String namespace, String name) {
    Table t = tables.get(gk);
    Stored s = t == null ? null : t.get(new Ref(namespace, name));
    return s == null ? Optional.empty() : Optional.of(s.object());
  }

  // ---------------------------------------------------------------- writes

  Manifest create(Manifest object, WriteOptions options) {
    try {
      Manifest out;
      synchronized (this) {
        checkFields(object, options.fieldValidation(), false);
        out = createInternal(object, options);
      }
      afterWrite(options.dryRun());
      return out;
    } finally {
      deliver();
    }
  }

  Manifest update(Manifest object, WriteOptions options, boolean status) {
    try {
      Manifest out;
      synchronized (this) {
        if (!status) {
          checkFields(object, options.fieldValidation(), false);
        }
        out = updateInternal(object, options, status, false);
      }
      afterWrite(options.dryRun());
      return out;
    } finally {
      deliver();
    }
  }

  Manifest patch(GroupVersionKind gvk, String namespace, String name, PatchType type,
      JsonValue patch, WriteOptions options) {
    try {
      Manifest out;
      synchronized (this) {
        Kind k = kind(gvk);
        Stored live = table(gvk.groupKind()).get(new Ref(ns(k, namespace), name));
        if (live == null) {
          throw notFound(k, name);
        }
        JsonObject patched = Patching.patch(types(), type, gvk, live.object().root(), patch, k);
        Manifest candidate = manifestOrInvalid(k, name, patched);
        // fields the live object already has (kept under Warn) are not the patch's doing
        checkFields(candidate, options.fieldValidation(), false, live.object());
        out = updateInternal(candidate, options, false, true);
      }
      afterWrite(options.dryRun());
      return asVersion(out, gvk);
    } finally {
      deliver();
    }
  }

  Manifest applyClientSide(Manifest object, WriteOptions options) {
    try {
      Manifest out;
      synchronized (this) {
        Kind k = kind(object.gvk());
        checkFields(object, options.fieldValidation(), false);
        String config = Patching.lastAppliedConfiguration(object);
        Manifest desired = object.withAnnotation(LAST_APPLIED, config);
        Stored live = table(object.groupKind()).get(new Ref(ns(k, object.namespace()),
            object.name()));
        if (live == null) {
          out = createInternal(desired, options);
        } else {
          JsonObject merged = Patching.threeWay(types(), object.gvk(), live.object(), desired, k);
          out = updateInternal(manifestOrInvalid(k, object.name(), merged), options, false, true);
        }
      }
      afterWrite(options.dryRun());
      return out;
    } finally {
      deliver();
    }
  }

  Manifest applyServerSide(Manifest object, ApplyOptions options) {
    try {
      Manifest out;
      synchronized (this) {
        Kind k = kind(object.gvk());
        Stored live = table(object.groupKind()).get(new Ref(ns(k, object.namespace()),
            object.name()));
        // an apply of a built-in kind is always strict (the typed patch conversion fails on an
        // undeclared field); a custom resource's unknown fields are pruned by its structural
        // schema instead (kubernetes#111074), so there fieldValidation decides as elsewhere
        checkFields(object, k.custom() ? options.fieldValidation() : FieldValidation.STRICT,
            true);
        WriteOptions write = new WriteOptions(options.dryRun(), options.fieldManager(),
            options.fieldValidation());
        Manifest merged = Patching.serverSideApply(types(), object,
            live == null ? null : live.object(), options, k, clock.instant());
        applying = true;
        try {
          out = live == null ? createInternal(merged, write)
              : updateInternal(merged, write, false, true);
        } finally {
          applying = false;
        }
      }
      afterWrite(options.dryRun());
      return out;
    } finally {
      deliver();
    }
  }

  Manifest delete(GroupVersionKind gvk, String namespace, String name, DeleteOptions options) {
    try {
      Manifest out;
      synchronized (this) {
        Kind k = kind(gvk);
        Ref ref = new Ref(ns(k, namespace), name);
        Stored s = table(gvk.groupKind()).get(ref);
        if (s == null) {
          throw notFound(k, name);
        }
        String uid = s.object().metadata().getString("uid").orElse("");
        if (options.preconditionUid() != null && !options.preconditionUid().equals(uid)) {
          throw ApiErrors.preconditionFailed(gvk.groupKind(), name, "UID",
              options.preconditionUid(), uid);
        }
        if (options.preconditionResourceVersion() != null
            && !options.preconditionResourceVersion().equals(Long.toString(s.revision()))) {
          throw ApiErrors.preconditionFailed(gvk.groupKind(), name, "ResourceVersion",
              options.preconditionResourceVersion(), Long.toString(s.revision()));
        }
        if (options.dryRun()) {
          out = s.object();
        } else {
          PropagationPolicy policy = options.propagationPolicy()
              .orElse(gvk.groupKind().equals(new GroupKind("batch", "Job"))
                  ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND);
          out = deleteInternal(new ObjRef(gvk.groupKind(), ref), policy);
        }
      }
      afterWrite(options.dryRun());
      return asVersion(out, gvk);
    } finally {
      deliver();
    }
  }

  Watch watch(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener) {
    Watcher w;
    synchronized (this) {
      kind(gvk);
      w = new Watcher(gvk, options, listener);
      String rv = options.resourceVersion();
      if (rv.equals("0")) {
        for (Manifest m : objectsOf(gvk.groupKind())) {
          if (w.wants(gvk.groupKind(), m)) {
            WatchEvent e = new WatchEvent(WatchEvent.Type.ADDED, asVersion(m, gvk));
            deliveries.add(() -> { if (w.open) { listener.accept(e); } });
          }
        }
      } else if (!rv.isEmpty()) {
        long from;
        try {
          from = Long.parseLong(rv);
        } catch (NumberFormatException e) {
          throw new ClusterException.Invalid("invalid resource version \"" + rv + "\"",
              List.of(new FieldCause("FieldValueInvalid", "Invalid value: \"" + rv + "\"",
                  "resourceVersion")));
        }
        long oldest = history.isEmpty() ? revision : history.peekFirst().revision() - 1;
        if (from < oldest) {
          throw new ClusterException.Gone("too old resource version: " + from + " ("
              + oldest + ")");
        }
        for (Event e : history) {
          if (e.revision() > from && w.wants(e.kind(), e.event().object())) {
            WatchEvent converted = new WatchEvent(e.event().type(),
                asVersion(e.event().object(), gvk));
            deliveries.add(() -> { if (w.open) { listener.accept(converted); } });
          }
        }
      }
      watchers.add(w);
    }
    deliver();
    return w;
  }

  // ---------------------------------------------------------------- pipeline

  /** The create pipeline; caller holds the lock. */
  Manifest createInternal(Manifest input, WriteOptions options) {
    Kind k = kind(input.gvk());
    GroupKind gk = input.groupKind();
    String namespace = ns(k, input.namespace());
    Manifest obj = input;
    if (k.resource().namespaced()) {
      if (!namespace.equals(input.namespace())) {
        obj = obj.withNamespace(namespace);
      }
      Stored nsObj = table(new GroupKind("", "Namespace")).get(new Ref("", namespace));
      if (nsObj == null) {
        throw new ClusterException.NotFound("namespaces \"" + namespace + "\" not found");
      }
      if (nsObj.object().metadata().has("deletionTimestamp")) {
        throw new ClusterException.Forbidden(k.resource().qualifiedPlural() + " \""
            + input.name() + "\" is forbidden: unable to create new content in namespace "
            + namespace + " because it is being terminated");
      }
    } else if (!input.namespace().isEmpty()) {
      obj = obj.withNamespace("");
    }
    if (obj.hasGeneratedName()) {
      obj = obj.withName(generateName(gk, namespace, obj.name()));
    }
    Ref ref = new Ref(namespace, obj.name());
    JsonObject meta = obj.metadata();
    for (String wiped : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "selfLink", "resourceVersion", "generation")) {
      meta = meta.without(wiped);
    }
    obj = obj.withRoot(obj.root().with("metadata", meta));
    obj = strategy.defaults(obj);
    for (Admission.Mutator m : config.mutators) {
      obj = Objects.requireNonNull(m.mutate(obj, Optional.empty()), "mutator result");
    }
    String uid = newUid();
    obj = strategy.prepareForCreate(obj, k, uid);
    validate(k, obj, null);
    // as the API server: the object is validated before storage finds the name taken
    if (table(gk).containsKey(ref)) {
      throw ApiErrors.alreadyExists(k.resource().qualifiedPlural(), obj.name());
    }
    meta = obj.metadata()
        .with("uid", JsonString.of(uid))
        .with("creationTimestamp", JsonString.of(SimulatedCluster.timestamp(clock.instant())));
    if (strategy.setsGeneration(k, gk)) {
      meta = meta.with("generation", JsonNumber.of(1));
    }
    obj = obj.withRoot(obj.root().with("metadata", meta));
    if (!applying) {
      obj = Patching.recordUpdate(types(), null, obj, options.fieldManager(), false,
          clock.instant());
    }
    if (options.dryRun()) {
      return obj.withRoot(obj.root().with("metadata",
          obj.metadata().with("resourceVersion", JsonString.of(Long.toString(revision)))));
    }
    Manifest stored = put(gk, ref, obj, null);
    strategy.afterCreate(k, stored);
    return stored;
  }

  /** The update pipeline for API requests; caller holds the lock. */
  Manifest updateInternal(Manifest input, WriteOptions options, boolean statusOnly,
      boolean fromPatch) {
    return updateInternal(input, options, statusOnly, fromPatch, false);
  }

  /**
   * The update pipeline; caller holds the lock. A {@code system} write comes from a simulated
   * controller acting through a subresource (a Pod binding, a claim binding): it skips the
   * update-immutability rules and admission validators, and a Pod's generation is not bumped.
   */
  Manifest updateInternal(Manifest input, WriteOptions options, boolean statusOnly,
      boolean fromPatch, boolean system) {
    Kind k = kind(input.gvk());
    GroupKind gk = input.groupKind();
    Ref ref = new Ref(ns(k, input.namespace()), input.name());
    Stored live = table(gk).get(ref);
    if (live == null) {
      throw notFound(k, input.name());
    }
    Manifest old = live.object();
    Optional<String> rv = input.metadata().getString("resourceVersion");
    if (!fromPatch && rv.isPresent() && !rv.get().equals(Long.toString(live.revision()))) {
      throw ApiErrors.conflict(k.resource().qualifiedPlural(), input.name(),
          ApiErrors.OBJECT_MODIFIED);
    }
    if (!fromPatch && rv.isEmpty() && k.custom()) {
      throw ApiErrors.resourceVersionRequired(gk, input.name());
    }
    Manifest obj;
    if (statusOnly) {
      JsonValue status = input.root().getOrNull("status");
      JsonObject root = status == null ? old.root().without("status")
          : old.root().with("status", status);
      // status strategies reset spec (and labels) but keep annotation changes
      JsonValue annotations = input.metadata().getOrNull("annotations");
      JsonObject meta = old.metadata();
      meta = annotations == null ? meta.without("annotations")
          : meta.with("annotations", annotations);
      obj = old.withRoot(root.with("metadata", meta));
    } else {
      obj = input.withNamespace(ref.namespace());
      if (k.statusSubresource()) {
        JsonValue status = old.root().getOrNull("status");
        obj = obj.withRoot(status == null ? obj.root().without("status")
            : obj.root().with("status", status));
      }
      obj = strategy.defaults(obj);
      for (Admission.Mutator m : config.mutators) {
        obj = Objects.requireNonNull(m.mutate(obj, Optional.of(old)), "mutator result");
      }
    }
    obj = keepSystemMetadata(old, obj);
    obj = strategy.prepareForUpdate(k, old, obj);
    List<String> newFinalizers = finalizers(obj);
    if (old.metadata().has("deletionTimestamp")) {
      List<String> added = new ArrayList<>(newFinalizers);
      added.removeAll(finalizers(old));
      if (!added.isEmpty()) {
        throw new ClusterException.Forbidden("Forbidden: no new finalizers can be added if the"
            + " object is being deleted, found new finalizers " + added);
      }
    }
    if (!statusOnly && !system) {
      validate(k, obj, old);
    }
    boolean podBinding = system && gk.equals(new GroupKind("", "Pod"));
    if (!podBinding && !statusOnly && strategy.bumpsGeneration(k, gk, old, obj)) {
      long generation = old.metadata().getOrNull("generation") instanceof JsonNumber n
          ? n.longValue() : 0;
      obj = obj.withRoot(obj.root().with("metadata",
          obj.metadata().with("generation", JsonNumber.of(generation + 1))));
    }
    if (!applying) {
      obj = Patching.recordUpdate(types(), old, obj, options.fieldManager(), statusOnly,
          clock.instant());
    }
    if (sameIgnoringVersion(old, obj)) {
      return old;
    }
    if (options.dryRun()) {
      return obj;
    }
    Manifest stored = put(gk, ref, obj, live);
    if (stored.metadata().has("deletionTimestamp") && finalizers(stored).isEmpty()) {
      removeNow(new ObjRef(gk, ref));
    } else if (stored.metadata().has("deletionTimestamp")) {
      processFinalizers(new ObjRef(gk, ref));
    }
    return stored;
  }

  private Manifest keepSystemMetadata(Manifest old, Manifest obj) {
    JsonObject meta = obj.metadata();
    JsonObject oldMeta = old.metadata();
    for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation")) {
      JsonValue v = oldMeta.getOrNull(f);
      meta = v == null ? meta.without(f) : meta.with(f, v);
    }
    meta = meta.without("resourceVersion");
    return obj.withRoot(obj.root().with("metadata", meta));
  }

  private static boolean sameIgnoringVersion(Manifest a, Manifest b) {
    JsonObject am = a.metadata().without("resourceVersion").without("managedFields");
    JsonObject bm = b.metadata().without("resourceVersion").without("managedFields");
    return a.root().with("metadata", am).equals(b.root().with("metadata", bm));
  }

  private void validate(Kind k, Manifest obj, @Nullable Manifest old) {
    List<FieldCause> causes = new ArrayList<>(strategy.validate(k, obj, old));
    for (Admission.Validator v : config.validators) {
      causes.addAll(v.validate(obj, Optional.ofNullable(old)));
    }
    if (!causes.isEmpty()) {
      throw invalid(k, obj.name(), causes);
    }
  }

  /**
   * {@code fieldValidation=Strict}: fails when the object as sent has fields its schema does not
   * declare, with the API server's texts (strict decoding, or the typed patch of a server-side
   * apply). {@code Warn} and {@code Ignore} accept them; unlike the real server the simulated
   * one does not drop them. Caller holds the lock.
   */
  private void checkFields(Manifest obj, FieldValidation validation, boolean apply) {
    checkFields(obj, validation, apply, null);
  }

  /** As above, not counting the unknown fields {@code live} already has. */
  private void checkFields(Manifest obj, FieldValidation validation, boolean apply,
      @Nullable Manifest live) {
    if (validation != FieldValidation.STRICT) {
      return;
    }
    List<String> unknown = new ArrayList<>(SchemaValidation.unknownFields(schema(), obj));
    if (live != null) {
      unknown.removeAll(SchemaValidation.unknownFields(schema(), live));
    }
    if (unknown.isEmpty()) {
      return;
    }
    List<FieldCause> causes = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    GroupVersionKind gvk = obj.gvk();
    if (apply) {
      // as the field manager's objectGVKNN: "namespace/name; group/version, Kind=Kind"
      text.append("failed to create typed patch object (")
          .append(obj.namespace()).append('/')
          .append(obj.name()).append("; ").append(gvk.group()).append('/')
          .append(gvk.version()).append(", Kind=").append(gvk.kind()).append("): ")
          .append(unknown.size() > 1 ? "errors:" : "");
    } else {
      text.append(gvk.kind()).append(" in version \"").append(gvk.version())
          .append("\" cannot be handled as a ").append(gvk.kind())
          .append(": strict decoding error: ");
    }
    for (int i = 0; i < unknown.size(); i++) {
      String field = unknown.get(i);
      String detail = apply ? "." + field + ": field not declared in schema"
          : "unknown field \"" + field + "\"";
      if (apply) {
        text.append(unknown.size() > 1 ? "\n  " : "").append(detail);
      } else {
        text.append(i == 0 ? "" : ", ").append(detail);
      }
      causes.add(new FieldCause("FieldValueInvalid", apply ? "field not declared in schema"
          : "unknown field", field));
    }
    throw new ClusterException.Invalid(text.toString(), causes);
  }

  static ClusterException.Invalid invalid(Kind k, String name, List<FieldCause> causes) {
    return ApiErrors.invalid(k.resource().gvk().groupKind(), name, causes);
  }

  private Manifest manifestOrInvalid(Kind k, String name, JsonObject root) {
    Optional<io.gitopskit.core.model.FieldProblem> problem = Manifest.check(root);
    if (problem.isPresent()) {
      throw invalid(k, name, List.of(new FieldCause("FieldValueInvalid",
          "Invalid value: " + problem.get().message(), problem.get().field())));
    }
    return Manifest.of(root);
  }

  // ---------------------------------------------------------------- deletion and GC

  /** Deletes with a policy; caller holds the lock. Returns the removed or marked object. */
  Manifest deleteInternal(ObjRef obj, PropagationPolicy policy) {
    Stored s = table(obj.kind()).get(obj.ref());
    if (s == null) {
      throw new IllegalStateException("missing " + obj);
    }
    Manifest m = s.object();
    if (obj.kind().equals(new GroupKind("", "Namespace"))) {
      return deleteNamespace(obj, m);
    }
    List<String> fins = new ArrayList<>(finalizers(m));
    if (policy == PropagationPolicy.FOREGROUND && !fins.contains("foregroundDeletion")) {
      fins.add("foregroundDeletion");
    } else if (policy == PropagationPolicy.ORPHAN && !fins.contains("orphan")) {
      fins.add("orphan");
    }
    boolean marked = m.metadata().has("deletionTimestamp");
    if (fins.isEmpty()) {
      Manifest removed = removeNow(obj);
      collectDependents(removed, PropagationPolicy.BACKGROUND);
      return removed;
    }
    if (marked && fins.equals(finalizers(m))) {
      return m;
    }
    JsonObject meta = m.metadata().with("finalizers", strings(fins));
    if (!marked) {
      meta = meta.with("deletionTimestamp", JsonString.of(SimulatedCluster.timestamp(
          clock.instant()))).with("deletionGracePeriodSeconds", JsonNumber.of(0));
      if (meta.getOrNull("generation") instanceof JsonNumber g && g.longValue() > 0) {
        meta = meta.with("generation", JsonNumber.of(g.longValue() + 1));
      }
    }
    Manifest markedObj = put(obj.kind(), obj.ref(), m.withRoot(m.root().with("metadata", meta)),
        s);
    Manifest after = processFinalizers(obj);
    return after != null ? after : markedObj;
  }

  /** Handles the GC finalizers of an object being deleted; removes it once none remain. */
  private @Nullable Manifest processFinalizers(ObjRef obj) {
    Stored s = table(obj.kind()).get(obj.ref());
    if (s == null) {
      return null;
    }
    Manifest m = s.object();
    List<String> fins = new ArrayList<>(finalizers(m));
    String uid = m.metadata().getString("uid").orElse("");
    boolean changed = false;
    if (fins.contains("orphan")) {
      for (ObjRef dep : dependentsOf(uid)) {
        Stored d = table(dep.kind()).get(dep.ref());
        if (d != null) {
          put(dep.kind(), dep.ref(), withoutOwner(d.object(), uid), d);
        }
      }
      fins.remove("orphan");
      changed = true;
    }
    if (fins.contains("foregroundDeletion")) {
      for (ObjRef dep : dependentsOf(uid)) {
        if (table(dep.kind()).containsKey(dep.ref())) {
          deleteInternal(dep, PropagationPolicy.FOREGROUND);
        }
      }
      Stored again = table(obj.kind()).get(obj.ref());
      if (again == null) {
        return null;
      }
      m = again.object();
      fins = new ArrayList<>(finalizers(m));
      fins.remove("orphan");
      if (dependentsOf(uid).stream().noneMatch(d -> table(d.kind()).containsKey(d.ref()))) {
        fins.remove("foregroundDeletion");
        changed = true;
      }
    }
    if (!changed) {
      return m;
    }
    if (fins.isEmpty()) {
      return removeNow(obj);
    }
    Stored current = table(obj.kind()).get(obj.ref());
    return put(obj.kind(), obj.ref(), m.withRoot(m.root().with("metadata",
        m.metadata().with("finalizers", strings(fins)))), current);
  }

  private Manifest deleteNamespace(ObjRef obj, Manifest ns) {
    String name = obj.ref().name();
    Stored s = table(obj.kind()).get(obj.ref());
    Manifest terminating = ns;
    if (!ns.metadata().has("deletionTimestamp")) {
      JsonObject meta = ns.metadata().with("deletionTimestamp",
          JsonString.of(SimulatedCluster.timestamp(clock.instant())))
          .with("deletionGracePeriodSeconds", JsonNumber.of(0));
      JsonObject status = JsonObject.of("phase", JsonString.of("Terminating"));
      terminating = put(obj.kind(), obj.ref(), ns.withRoot(ns.root().with("metadata", meta)
          .with("status", status)), s);
    }
    for (GroupKind gk : new ArrayList<>(tables.keySet())) {
      Kind k = kinds.get(gk);
      if (k == null || !k.resource().namespaced()) {
        continue;
      }
      Table t = tables.get(gk);
      for (Ref ref : new ArrayList<>(t.objects.subMap(new Ref(name, ""), true,
          new Ref(name + "\0", ""), false).keySet())) {
        if (t.containsKey(ref)) {
          deleteInternal(new ObjRef(gk, ref), PropagationPolicy.BACKGROUND);
        }
      }
    }
    Stored after = table(obj.kind()).get(obj.ref());
    if (after == null) {
      return terminating;
    }
    if (finalizers(after.object()).isEmpty() && namespaceEmpty(name)) {
      return removeNow(obj);
    }
    return after.object();
  }

  private boolean namespaceEmpty(String name) {
    for (Map.Entry<GroupKind, Table> e : tables.entrySet()) {
      Kind k = kinds.get(e.getKey());
      if (k != null && k.resource().namespaced() && !e.getValue().objects.subMap(
          new Ref(name, ""), true, new Ref(name + "\0", ""), false).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Background garbage collection of the dependents of a removed owner. */
  private void collectDependents(Manifest owner, PropagationPolicy policy) {
    String uid = owner.metadata().getString("uid").orElse("");
    for (ObjRef dep : dependentsOf(uid)) {
      Stored d = table(dep.kind()).get(dep.ref());
      if (d == null) {
        continue;
      }
      Manifest without = withoutOwner(d.object(), uid);
      boolean otherOwnersAlive = ownerUids(without).stream().anyMatch(byUid::containsKey);
      if (otherOwnersAlive) {
        put(dep.kind(), dep.ref(), without, d);
      } else {
        deleteInternal(dep, policy);
      }
    }
    dependents.remove(uid);
  }

  private List<ObjRef> dependentsOf(String uid) {
    Set<ObjRef> deps = dependents.get(uid);
    if (deps == null) {
      return List.of();
    }
    List<ObjRef> out = new ArrayList<>(deps);
    out.sort(Comparator.comparing((ObjRef r) -> r.kind()).thenComparing(ObjRef::ref));
    return out;
  }

  private static Manifest withoutOwner(Manifest m, String uid) {
    Optional<JsonArray> refs = m.metadata().getArray("ownerReferences");
    if (refs.isEmpty()) {
      return m;
    }
    JsonArray.Builder kept = JsonArray.builder();
    for (JsonValue r : refs.get().items()) {
      if (!(r instanceof JsonObject o && uid.equals(o.getString("uid").orElse(null)))) {
        kept.add(r);
      }
    }
    JsonArray k = kept.build();
    JsonObject meta = k.isEmpty() ? m.metadata().without("ownerReferences")
        : m.metadata().with("ownerReferences", k);
    return m.withRoot(m.root().with("metadata", meta));
  }

  static List<String> ownerUids(Manifest m) {
    List<String> out = new ArrayList<>();
    m.metadata().getArray("ownerReferences").ifPresent(a -> a.items().forEach(r -> {
      if (r instanceof JsonObject o) {
        o.getString("uid").ifPresent(out::add);
      }
    }));
    return out;
  }

  static List<String> finalizers(Manifest m) {
    List<String> out = new ArrayList<>();
    m.metadata().getArray("finalizers").ifPresent(a -> a.items().forEach(f -> {
      if (f instanceof JsonString s) {
        out.add(s.value());
      }
    }));
    return out;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    values.forEach(v -> b.add(JsonString.of(v)));
    return b.build();
  }

  // ---------------------------------------------------------------- storage primitives

  private Manifest put(GroupKind gk, Ref ref, Manifest obj, @Nullable Stored previous) {
    long rv = ++revision;
    Manifest stored = obj.withRoot(obj.root().with("metadata",
        obj.metadata().with("resourceVersion", JsonString.of(Long.toString(rv)))));
    index(gk, ref, new Stored(stored, rv), previous);
    if (journal != null) {
      journal.append(Journal.Op.PUT, rv, clock.instant(), stored);
    }
    emit(gk, previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stored);
    return stored;
  }

  /** Stores an object with its uid and owner indexes; caller holds the lock. */
  private void index(GroupKind gk, Ref ref, Stored entry, @Nullable Stored previous) {
    Manifest stored = entry.object();
    table(gk).put(ref, entry, previous);
    stored.metadata().getString("uid").ifPresent(uid -> byUid.put(uid, new ObjRef(gk, ref)));
    if (previous != null) {
      for (String uid : ownerUids(previous.object())) {
        Set<ObjRef> deps = dependents.get(uid);
        if (deps != null) {
          deps.remove(new ObjRef(gk, ref));
        }
      }
    }
    for (String uid : ownerUids(stored)) {
      dependents.computeIfAbsent(uid, x -> new HashSet<>()).add(new ObjRef(gk, ref));
    }
  }

  /** Removes an object at once; caller holds the lock. */
  Manifest removeNow(ObjRef obj) {
    Stored s = table(obj.kind()).get(obj.ref());
    if (s == null) {
      throw new IllegalStateException("missing " + obj);
    }
    unindex(obj, s);
    long rv = ++revision;
    Manifest last = s.object().withRoot(s.object().root().with("metadata",
        s.object().metadata().with("resourceVersion", JsonString.of(Long.toString(rv)))));
    if (journal != null) {
      journal.append(Journal.Op.REMOVE, rv, clock.instant(), last);
    }
    emit(obj.kind(), WatchEvent.Type.DELETED, last);
    strategy.afterDelete(kinds.get(obj.kind()), last);
    // an owner may be waiting for this dependent (foreground deletion)
    for (String ownerUid : ownerUids(last)) {
      ObjRef owner = byUid.get(ownerUid);
      if (owner != null) {
        Stored o = table(owner.kind()).get(owner.ref());
        if (o != null && finalizers(o.object()).contains("foregroundDeletion")) {
          processFinalizers(owner);
        }
      }
    }
    if (!obj.ref().namespace().isEmpty()) {
      Stored ns = table(new GroupKind("", "Namespace")).get(
          new Ref("", obj.ref().namespace()));
      if (ns != null && ns.object().metadata().has("deletionTimestamp")
          && namespaceEmpty(obj.ref().namespace())) {
        removeNow(new ObjRef(new GroupKind("", "Namespace"), new Ref("", obj.ref().namespace())));
      }
    }
    return last;
  }

  /** Removes a stored object and its uid and owner indexes; caller holds the lock. */
  private void unindex(ObjRef obj, Stored s) {
    table(obj.kind()).remove(obj.ref());
    s.object().metadata().getString("uid").ifPresent(byUid::remove);
    for (String uid : ownerUids(s.object())) {
      Set<ObjRef> deps = dependents.get(uid);
      if (deps != null) {
        deps.remove(obj);
      }
    }
  }

  private void emit(GroupKind gk, WatchEvent.Type type, Manifest object) {
    WatchEvent event = new WatchEvent(type, object);
    history.addLast(new Event(revision, gk, event));
    while (history.size() > config.watchHistory) {
      history.removeFirst();
    }
    for (Watcher w : watchers) {
      if (w.wants(gk, object)) {
        GroupVersionKind gvk = new GroupVersionKind(gk.group(), w.version, gk.kind());
        WatchEvent converted = new WatchEvent(type, asVersion(object, gvk));
        deliveries.add(() -> {
          if (w.open) {
            w.listener.accept(converted);
          }
        });
      }
    }
  }

  /** Delivers queued watch events, in order, outside the store lock. */
  void deliver() {
    if (Thread.holdsLock(this)) {
      return;
    }
    synchronized (deliveryLock) {
      Runnable r;
      while ((r = deliveries.poll()) != null) {
        r.run();
      }
    }
  }

  private void afterWrite(boolean dryRun) {
    if (!dryRun && controllerDepth == 0) {
      runControllers();
    }
  }

  void runControllers() {
    if (!config.controllers) {
      deliver();
      return;
    }
    synchronized (this) {
      if (controllerDepth > 0) {
        return;
      }
      controllerDepth++;
      try {
        controllers.runUntilStable();
      } finally {
        controllerDepth--;
      }
    }
    deliver();
  }

  Table table(GroupKind gk) {
    return tables.computeIfAbsent(gk, x -> new Table());
  }

  private String ns(Kind k, String namespace) {
    if (!k.resource().namespaced()) {
      return "";
    }
    return namespace.isEmpty() ? "default" : namespace;
  }

  static Manifest asVersion(Manifest m, GroupVersionKind gvk) {
    if (m.apiVersion().equals(gvk.apiVersion())) {
      return m;
    }
    return m.withRoot(m.root().with("apiVersion", JsonString.of(gvk.apiVersion())));
  }

  private static ClusterException.NotFound notFound(Kind k, String name) {
    return ApiErrors.notFound(k.resource().qualifiedPlural(), name);
  }

  private String newUid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private String generateName(GroupKind gk, String namespace, String prefix) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    for (int attempt = 0; attempt < 8; attempt++) {
      StringBuilder b = new StringBuilder(base);
      for (int i = 0; i < 5; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (!table(gk).containsKey(new Ref(namespace, b.toString()))) {
        return b.toString();
      }
    }
    throw new ClusterException.AlreadyExists("could not generate a unique name for " + prefix);
  }

  ManualClock clock() {
    return clock;
  }

  KubernetesSchema schema() {
    return schema;
  }

  TypeInfo types() {
    return SchemaTypeInfo.of(schema);
  }

  void schema(KubernetesSchema value) {
    schema = value;
  }

  long revision() {
    return revision;
  }
}
