package io.gitopskit.core.diff;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.diff.mask.MaskedPair;
import io.gitopskit.core.diff.mask.SecretMasker;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.patch.PatchException;
import io.gitopskit.core.patch.ssa.ManagedFields;
import io.gitopskit.core.patch.ssa.ServerSideApply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Compares desired objects (from Git) with live objects (from the cluster): would applying the
 * desired object change the live one? See the {@linkplain io.gitopskit.core.diff package
 * documentation} for the decision flow, the modes and what is normalized.
 *
 * <pre>{@code
 * Differ differ = Differ.create(DiffOptions.defaults()
 *     .withSchema(KubernetesSchema.builtIn().withCustomResourceDefinitions(crds)));
 * DiffResult r = differ.diff(desired, live);
 * if (r.modified()) {
 *   r.changes().forEach(c -> System.out.println(c));   // e.g. "/spec/replicas changed"
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; pure, except that {@link DiffMode#SERVER_SIDE} asks its {@link
 * ClusterTarget} for server-side-apply dry runs.
 *
 * @since 0.1
 */
public final class Differ {

  /** The annotation carrying Argo CD sync options, e.g. {@code ServerSideApply=true}. */
  public static final String SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";

  /** The sync option that selects {@link DiffMode#FIELD_OWNERSHIP} in {@link DiffMode#AUTO}. */
  public static final String SERVER_SIDE_APPLY_OPTION = "ServerSideApply=true";

  private static final Comparator<DiffResult> ORDER = Comparator.comparing(DiffResult::key)
      .thenComparing(DiffResult::method);

  private final DiffOptions options;
  private final DiffTypes types;
  private final Normalization normalization;

  /** How many (desired, live) pairs a differ remembers; cleared when full. */
  static final int MEMO_SIZE = 16_384;

  private record MemoKey(long desired, long live) {}

  private record Memo(Manifest desired, Manifest live, DiffResult result) {}

  private final @Nullable ConcurrentHashMap<MemoKey, Memo> memo;

  private Differ(DiffOptions options, boolean memoize) {
    this.options = options;
    this.types = new DiffTypes(options.schema());
    this.normalization = new Normalization(types, options.ignoreAggregatedRoles());
    // a server-side diff depends on the cluster's state, not only on its inputs
    this.memo = memoize && options.mode() != DiffMode.SERVER_SIDE
        ? new ConcurrentHashMap<>() : null;
  }

  /**
   * A differ with the given options.
   *
   * @param options the options
   * @return the differ
   */
  public static Differ create(DiffOptions options) {
    return new Differ(Objects.requireNonNull(options, "options"), true);
  }

  /**
   * A differ that never reuses an earlier result: every call computes the whole diff. The
   * default differ remembers recent (desired, live) pairs by content hash — an object unchanged
   * since the last reconcile is answered in O(1), as the inputs are immutable and the diff is a
   * pure function of them.
   *
   * @return a copy of this differ without memory
   */
  public Differ withoutMemo() {
    return new Differ(options, false);
  }

  /**
   * The options of this differ.
   *
   * @return the options
   */
  public DiffOptions options() {
    return options;
  }

  /**
   * Compares one desired object with its live counterpart.
   *
   * @param desired the object from Git, or null when Git has none
   * @param live the object in the cluster, or null when there is none
   * @return the result: {@link DiffMethod#CREATE} when live is null, {@link
   *     DiffMethod#LIVE_ONLY} (never modified) when desired is null
   * @throws IllegalArgumentException when both are null, or they are not the same object
   *     (group, kind and name differ)
   * @throws PatchException when the client-side merge is impossible for the object's type (a
   *     merge-keyed list item without its key)
   * @throws IllegalStateException in {@link DiffMode#SERVER_SIDE} with mutation webhooks
   *     ignored, when the dry run's result has no managed fields of the manager
   * @throws io.gitopskit.core.cluster.ClusterException when a server-side dry run fails
   */
  public DiffResult diff(@Nullable Manifest desired, @Nullable Manifest live) {
    if (memo == null || desired == null || live == null) {
      return diffOnce(desired, live);
    }
    MemoKey key = new MemoKey(desired.contentHash(), live.contentHash());
    Memo m = memo.get(key);
    if (m != null && (m.desired() == desired || m.desired().equals(desired))
        && (m.live() == live || m.live().equals(live))) {
      return m.result();
    }
    DiffResult result = diffOnce(desired, live);
    if (memo.size() >= MEMO_SIZE) {
      memo.clear();
    }
    memo.put(key, new Memo(desired, live, result));
    return result;
  }

  private DiffResult diffOnce(@Nullable Manifest desired, @Nullable Manifest live) {
    if (desired != null && live != null && !options.ignoreRules().isEmpty()
        && !options.ignoreRules().trustedManagers(live).isEmpty()) {
      Manifest[] stripped = options.ignoreRules().stripManagedByTrusted(desired, live);
      desired = stripped[0];
      live = stripped[1];
    }
    return masked(compute(desired, live));
  }

  /**
   * Secret values never leave the differ: for Secrets, both trees are masked with Argo CD's
   * scheme (equal values mask equally) and the changes are computed on the masked trees.
   */
  private static DiffResult masked(DiffResult r) {
    if (!r.key().group().isEmpty() || !r.key().kind().equals("Secret")) {
      return r;
    }
    MaskedPair pair = SecretMasker.defaults().mask(asManifest(r.predictedLive()),
        asManifest(r.normalizedLive()));
    JsonObject predicted = pair.desired() == null ? r.predictedLive() : pair.desired().root();
    JsonObject normalized = pair.live() == null ? r.normalizedLive() : pair.live().root();
    List<FieldChange> changes = r.modified() ? Changes.between(normalized, predicted) : List.of();
    if (r.modified() && changes.isEmpty()) {
      // values differed only in ways masking hides (e.g. two values of one length class):
      // still report the key as changed, without values
      changes = r.changes().stream()
          .map(c -> new FieldChange(c.path(), c.live().map(v -> MASKED),
              c.desired().map(v -> MASKED)))
          .toList();
    }
    return new DiffResult(r.key(), r.method(), r.modified(), normalized, predicted, changes);
  }

  private static final JsonValue MASKED = JsonString.of(SecretMasker.MASK);

  private static @Nullable Manifest asManifest(@Nullable JsonObject root) {
    return root == null || Manifest.check(root).isPresent() ? null : Manifest.of(root);
  }

  private DiffResult compute(@Nullable Manifest desired, @Nullable Manifest live) {
    if (desired == null && live == null) {
      throw new IllegalArgumentException("nothing to compare: desired and live are both null");
    }
    boolean serverSide = options.mode() == DiffMode.SERVER_SIDE;
    if (live == null) {
      JsonObject d = prepare(desired.root(), true);
      JsonObject view = normalization.outputs(d, false);
      return new DiffResult(desired.key(), DiffMethod.CREATE, true, null, view,
          Changes.between(null, view));
    }
    if (desired == null) {
      JsonObject l = normalization.outputs(prepare(live.root(), !serverSide));
      if (serverSide) {
        l = user(l);
      }
      return new DiffResult(live.key(), DiffMethod.LIVE_ONLY, false, l, null, List.of());
    }
    if (!desired.groupKind().equals(live.groupKind()) || !desired.name().equals(live.name())) {
      throw new IllegalArgumentException("desired " + desired.key() + " and live " + live.key()
          + " are not the same object");
    }
    GroupVersionKind gvk = desired.gvk();
    JsonObject d = prepare(withNamespace(desired.root(), live.namespace()), !serverSide);
    JsonObject l = prepare(live.root(), !serverSide);
    DiffMethod method;
    JsonObject predicted;
    DiffMode mode = options.mode();
    if (mode == DiffMode.AUTO) {
      mode = hasServerSideApplyOption(desired) ? DiffMode.FIELD_OWNERSHIP
          : DiffMode.THREE_WAY_CLIENT;
    }
    if (mode == DiffMode.SERVER_SIDE) {
      method = DiffMethod.SERVER_SIDE;
      predicted = ServerSide.predict(types, Objects.requireNonNull(options.cluster()), d, l,
          options.manager(), options.ignoreMutationWebhook());
    } else if (mode == DiffMode.FIELD_OWNERSHIP) {
      method = DiffMethod.FIELD_OWNERSHIP;
      ServerSideApply.Result r;
      try {
        r = ServerSideApply.apply(types, gvk, l, d, options.manager(), true, Instant.EPOCH);
      } catch (IllegalArgumentException e) {
        // undecodable managedFields: the API server resets them, and so do we
        r = ServerSideApply.apply(types, gvk, ManagedFields.strip(l), d, options.manager(), true,
            Instant.EPOCH);
      }
      predicted = ((ServerSideApply.Result.Applied) r).merged();
    } else {
      Optional<JsonObject> orig = lastApplied(live, desired);
      JsonObject p = null;
      if (orig.isPresent()) {
        try {
          p = ThreeWay.predict(types, gvk, prepare(orig.get(), true), d, l);
        } catch (PatchException e) {
          p = null; // as gitops-engine: a failed three-way merge falls back to two-way
        }
      }
      method = p == null ? DiffMethod.TWO_WAY : DiffMethod.THREE_WAY;
      predicted = p != null ? p : ThreeWay.predict(types, gvk, d, d, l);
    }
    predicted = Normalization.carryOver(predicted, l);
    JsonObject normalizedLive = normalization.outputs(l);
    JsonObject predictedLive = normalization.dropUnsetZeros(normalization.outputs(predicted),
        normalizedLive);
    if (serverSide) {
      normalizedLive = user(normalizedLive);
      predictedLive = user(predictedLive);
    }
    List<FieldChange> changes = Changes.between(normalizedLive, predictedLive);
    return new DiffResult(desired.key(), method, !changes.isEmpty(), normalizedLive,
        predictedLive, changes);
  }

  /**
   * Compares desired objects with live objects, pairing them by {@link ResourceKey}. A desired
   * object of a cluster-scoped kind pairs whatever namespace it carries (for kinds the schema
   * does not know: with a live object without namespace that no other desired object pairs).
   * Desired objects of namespaced kinds must carry their namespace.
   *
   * @param desired the objects from Git
   * @param live the objects in the cluster
   * @return one result per desired object and per unpaired live object ({@link
   *     DiffMethod#LIVE_ONLY}), ordered by key
   * @throws IllegalArgumentException when two live objects have the same key
   * @see #diff(Manifest, Manifest)
   */
  public List<DiffResult> diff(ManifestSet desired, List<Manifest> live) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(live, "live");
    Map<ResourceKey, Manifest> byKey = new TreeMap<>();
    for (Manifest m : live) {
      if (byKey.put(pairingKey(m), m) != null) {
        throw new IllegalArgumentException("two live objects have the key " + pairingKey(m));
      }
    }
    Map<ResourceKey, Manifest> paired = new TreeMap<>();
    List<Manifest> unpaired = new ArrayList<>();
    for (Manifest d : desired) {
      Manifest l = byKey.remove(pairingKey(d));
      if (l != null) {
        paired.put(d.key(), l);
      } else {
        unpaired.add(d);
      }
    }
    List<DiffResult> out = new ArrayList<>();
    for (Manifest d : unpaired) {
      Manifest l = null;
      ResourceKey k = d.key();
      if (!k.namespace().isEmpty() && types.clusterScoped(d.gvk()).isEmpty()) {
        // a kind the schema does not know: live without a namespace is cluster-scoped
        l = byKey.remove(new ResourceKey(k.group(), k.kind(), "", k.name()));
      }
      out.add(diff(d, l));
    }
    for (Manifest d : desired) {
      Manifest l = paired.get(d.key());
      if (l != null) {
        out.add(diff(d, l));
      }
    }
    for (Manifest l : byKey.values()) {
      out.add(diff(null, l));
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  private ResourceKey pairingKey(Manifest m) {
    ResourceKey k = m.key();
    if (!k.namespace().isEmpty() && types.clusterScoped(m.gvk()).orElse(false)) {
      return new ResourceKey(k.group(), k.kind(), "", k.name());
    }
    return k;
  }

  static boolean hasServerSideApplyOption(Manifest desired) {
    Optional<String> value = desired.annotation(SYNC_OPTIONS_ANNOTATION);
    if (value.isEmpty()) {
      return false;
    }
    for (String option : value.get().split(",", -1)) {
      if (option.trim().equals(SERVER_SIDE_APPLY_OPTION)) {
        return true;
      }
    }
    return false;
  }

  /** Built-in normalizations, then the user's unless it runs on the outputs. */
  private JsonObject prepare(JsonObject root, boolean withUser) {
    JsonObject r = normalization.inputs(root);
    return withUser ? user(r) : r;
  }

  private JsonObject user(JsonObject root) {
    boolean rules = !options.ignoreRules().isEmpty();
    if ((options.normalizer() == Normalizer.NONE && !rules) || Manifest.check(root).isPresent()) {
      return root;
    }
    Manifest m = options.normalizer().normalize(Manifest.of(root));
    return rules ? options.ignoreRules().normalize(m).root() : m.root();
  }

  /** Desired takes live's namespace: a namespace is identity, not content to compare. */
  private static JsonObject withNamespace(JsonObject root, String namespace) {
    return Normalization.editObject(root, "metadata", m -> namespace.isEmpty()
        ? m.without("namespace") : m.with("namespace", JsonString.of(namespace)));
  }

  /**
   * Parsed last-applied annotations: the same live object is compared on every reconcile, and
   * its (immutable) parsed annotation can be reused. Bounded; cleared when full.
   */
  private static final int LAST_APPLIED_CACHE_SIZE = 4096;

  /** Larger annotations are parsed each time, so the cache stays within ~256 MB of text. */
  private static final int LAST_APPLIED_CACHE_MAX_CHARS = 64 * 1024;

  private static final java.util.concurrent.ConcurrentHashMap<String, List<JsonValue>>
      LAST_APPLIED_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Live's last-applied configuration, with desired's apiVersion and kind when it lacks them. */
  private static Optional<JsonObject> lastApplied(Manifest live, Manifest desired) {
    Optional<String> text = live.annotation(Normalization.LAST_APPLIED);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<JsonValue> docs = LAST_APPLIED_CACHE.get(text.get());
    if (docs == null) {
      try {
        // kubectl writes the annotation as JSON; read it as JSON (not YAML)
        docs = ManifestLoader.defaults().readDocuments(text.get(),
            "last-applied-configuration.json");
      } catch (LoadException e) {
        return Optional.empty(); // as gitops-engine: an unreadable annotation means two-way
      }
      if (text.get().length() <= LAST_APPLIED_CACHE_MAX_CHARS) {
        if (LAST_APPLIED_CACHE.size() >= LAST_APPLIED_CACHE_SIZE) {
          LAST_APPLIED_CACHE.clear();
        }
        LAST_APPLIED_CACHE.put(text.get(), docs);
      }
    }
    if (docs.size() != 1 || !(docs.get(0) instanceof JsonObject o)) {
      return Optional.empty();
    }
    JsonObject orig = o;
    if (!(orig.getOrNull("apiVersion") instanceof JsonString)
        || !(orig.getOrNull("kind") instanceof JsonString)) {
      orig = orig.with("apiVersion", JsonString.of(desired.apiVersion()))
          .with("kind", JsonString.of(desired.kind()));
    }
    try {
      Normalization.gvk(orig);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(orig);
  }
}
