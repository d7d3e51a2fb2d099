package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.FieldValidation;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes one desired object the way its sync options say, as gitops-engine's {@code
 * applyObject} does with kubectl:
 *
 * <ul>
 *   <li>default: client-side apply ({@code kubectl apply}: three-way patch, last-applied
 *       annotation); with {@code Force=true}, an apply the server refuses as invalid or
 *       conflicting deletes the object and creates it again;
 *   <li>{@code ServerSideApply=true}: server-side apply with the executor's field manager, always
 *       forcing conflicts ({@code --force-conflicts}), as Argo CD does;
 *   <li>{@code Replace=true} (wins over server-side apply): create when absent, else replace
 *       (PUT with live's resourceVersion); with {@code Force=true} delete and create; CRDs and
 *       Namespaces are always updated in place, never re-created;
 *   <li>{@code Validate=false}: {@code fieldValidation=Ignore}, else {@code Strict};
 *   <li>{@code RespectIgnoreDifferences=true}: fields covered by the ignore rules keep their live
 *       values;
 *   <li>with tracking, the object is marked as the application's before it is written.
 * </ul>
 */
final class ObjectWriter {

  /** What the writer needs from the running execution: retried calls, waiting for deletion. */
  interface Calls {
    /**
     * Runs a cluster call with the executor's retries.
     *
     * @param action the call
     * @param <T> its result
     * @return its result
     * @throws InterruptedException when interrupted between retries
     */
    <T> T call(Supplier<T> action) throws InterruptedException;

    /**
     * Polls until an object is gone.
     *
     * @param m the object
     * @throws ClusterException.Conflict when it is still there after the wave timeout
     * @throws InterruptedException when interrupted between polls
     */
    void awaitGone(Manifest m) throws InterruptedException;
  }

  private static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion",
      "creationTimestamp", "generation", "managedFields", "deletionTimestamp",
      "deletionGracePeriodSeconds", "selfLink");

  private final ClusterTarget target;
  private final ExecutorOptions options;
  private final Calls calls;

  ObjectWriter(ClusterTarget target, ExecutorOptions options, Calls calls) {
    this.target = target;
    this.options = options;
    this.calls = calls;
  }

  /**
   * The effective options of a step that writes an object: an apply's own (the plan's); for a
   * hook, as gitops-engine does, the application's options ({@link
   * ExecutorOptions#syncOptions()}) overridden by the hook's annotation.
   */
  SyncOptions optionsOf(SyncStep step) {
    return step instanceof SyncStep.Apply a ? a.options()
        : options.syncOptions().forResource(step.manifest());
  }

  /**
   * Writes (or dry-runs) a desired object.
   *
   * @param desired the desired object
   * @param opts its effective sync options
   * @param dryRun whether to dry-run on the server
   * @param recreated whether the real run deletes a live copy first (a BeforeHookCreation hook),
   *     so a dry run may fail on fields that only an update cannot change
   * @return kubectl's message, e.g. {@code deployment.apps/web configured}
   */
  String write(Manifest desired, SyncOptions opts, boolean dryRun, boolean recreated)
      throws InterruptedException {
    Manifest live = calls.call(() -> target.get(desired.gvk(), desired.namespace(),
        desired.name())).orElse(null);
    Manifest m = prepare(desired, opts, live);
    FieldValidation validation = opts.validate() ? FieldValidation.STRICT
        : FieldValidation.IGNORE;
    WriteOptions write = new WriteOptions(dryRun, options.fieldManager(), validation);
    String name = resource(m) + "/" + m.name();
    try {
      if (opts.replace()) {
        return replace(m, live, opts.force(), write, name);
      }
      if (opts.serverSideApply()) {
        calls.call(() -> target.applyServerSide(m, new ApplyOptions(options.fieldManager(), true,
            dryRun, validation)));
        return name + " serverside-applied";
      }
      return applyClientSide(m, live, opts.force(), write, name);
    } catch (ClusterException.Invalid e) {
      if (dryRun && live != null && (opts.force() || recreated) && validAsNew(m, write)) {
        return name + (opts.replace() ? " replaced" : " configured");
      }
      throw e;
    }
  }

  /**
   * Whether an object whose update the server refused is valid in itself, so that deleting
   * and creating it (Force, a BeforeHookCreation hook) will work: an update-only rule (an
   * immutable field) was broken. Decided by the server, not by reading its messages: a dry-run
   * create of the object is validated before the server finds that the name is taken
   * (AlreadyExists), so AlreadyExists (or success) means valid, and Invalid is the object's
   * own fault, which is thrown.
   */
  private boolean validAsNew(Manifest m, WriteOptions dryRun) throws InterruptedException {
    try {
      calls.call(() -> target.create(m, dryRun));
      return true;
    } catch (ClusterException.AlreadyExists taken) {
      return true;
    }
  }

  private String replace(Manifest m, @Nullable Manifest live, boolean force, WriteOptions write,
      String name) throws InterruptedException {
    if (live == null) {
      calls.call(() -> target.create(m, write));
      return name + " created";
    }
    // kubectl replace sends live's resourceVersion when the object has none
    JsonValue version = live.metadata().getOrNull("resourceVersion");
    Manifest current = version == null || m.metadata().has("resourceVersion") ? m
        : m.withRoot(m.root().with("metadata", m.metadata().with("resourceVersion", version)));
    boolean crdOrNamespace = m.group().isEmpty() && m.kind().equals("Namespace")
        || m.group().equals("apiextensions.k8s.io") && m.kind().equals("CustomResourceDefinition");
    if (crdOrNamespace) {
      calls.call(() -> target.update(current, write));
      return m.kind() + "/" + m.name() + " updated";
    }
    if (force && !write.dryRun()) {
      recreate(m, live, write, false);
    } else {
      calls.call(() -> target.update(current, write));
    }
    return name + " replaced";
  }

  private String applyClientSide(Manifest m, @Nullable Manifest live, boolean force,
      WriteOptions write, String name) throws InterruptedException {
    try {
      Manifest out = calls.call(() -> target.applyClientSide(m, write));
      if (live == null) {
        return name + " created";
      }
      boolean unchanged = out.metadata().getOrNull("resourceVersion") != null
          && out.metadata().getOrNull("resourceVersion")
              .equals(live.metadata().getOrNull("resourceVersion"));
      return name + (unchanged ? " unchanged" : " configured");
    } catch (ClusterException.Invalid | ClusterException.Conflict e) {
      if (!force || live == null || write.dryRun()) {
        throw e;
      }
      // kubectl apply --force: delete and re-create what cannot be patched
      recreate(m, live, write, true);
      return name + " configured";
    }
  }

  /**
   * Deletes the live object (only that very object: uid precondition), waits until it is gone
   * and creates the desired one; if that fails, puts the old object back, as kubectl does.
   */
  private void recreate(Manifest m, Manifest live, WriteOptions write, boolean apply)
      throws InterruptedException {
    DeleteOptions delete = DeleteOptions.propagation(PropagationPolicy.BACKGROUND);
    Optional<String> uid = live.metadata().getString("uid");
    if (uid.isPresent()) {
      delete = delete.withPreconditionUid(uid.get());
    }
    DeleteOptions d = delete;
    try {
      calls.call(() -> target.delete(m.gvk(), m.namespace(), m.name(), d));
    } catch (ClusterException.NotFound gone) {
      // already deleted
    }
    calls.awaitGone(m);
    try {
      calls.call(() -> apply ? target.applyClientSide(m, write) : target.create(m, write));
    } catch (ClusterException e) {
      JsonObject meta = live.metadata();
      for (String f : SERVER_METADATA) {
        meta = meta.without(f);
      }
      Manifest original = live.withRoot(live.root().with("metadata", meta));
      try {
        calls.call(() -> target.create(original, write.withFieldValidation(
            FieldValidation.IGNORE)));
      } catch (ClusterException restoreFailed) {
        e.addSuppressed(restoreFailed);
      }
      throw e;
    }
  }

  /** Desired with ignored fields kept as they are live (when asked) and the tracking marks. */
  private Manifest prepare(Manifest desired, SyncOptions opts, @Nullable Manifest live) {
    Manifest m = desired;
    if (opts.respectIgnoreDifferences() && live != null && !options.ignoreRules().isEmpty()) {
      m = options.ignoreRules().respectIgnoreDifferences(m, live);
    }
    if (options.tracking().isPresent()) {
      m = options.tracking().get().mark(m);
    }
    return m;
  }

  /**
   * Argo CD's shared-resource message when another application claims the live copy of a
   * desired object.
   *
   * @param desired the desired object
   * @return e.g. {@code ConfigMap/cfg is part of applications shop and billing}; empty without
   *     tracking, without a live copy, or when no other application claims it
   */
  Optional<String> sharedWith(Manifest desired) throws InterruptedException {
    if (options.tracking().isEmpty()) {
      return Optional.empty();
    }
    ResourceTracking tracking = options.tracking().get();
    Optional<Manifest> live = calls.call(() -> target.get(desired.gvk(), desired.namespace(),
        desired.name()));
    return live.flatMap(tracking::otherOwner).map(other -> live.get().kind() + "/"
        + live.get().name() + " is part of applications " + tracking.instanceName() + " and "
        + other);
  }

  /**
   * Why a live object must not be pruned: with tracking, an object this application does not
   * track (claimed by another application, or by none) is never deleted.
   *
   * @param live the live object about to be pruned
   * @return the PruneSkipped message, or empty when it may be pruned
   */
  Optional<String> pruneRefusal(Manifest live) {
    if (options.tracking().isEmpty() || options.tracking().get().tracks(live)) {
      return Optional.empty();
    }
    Optional<String> owner = options.tracking().get().otherOwner(live);
    return Optional.of(owner.map(o -> "ignored (part of application " + o + ")")
        .orElse("ignored (not tracked by this application)"));
  }

  /** kubectl's resource name: the lower-case kind, then {@code .group} unless core. */
  static String resource(Manifest m) {
    String kind = m.kind().toLowerCase(Locale.ROOT);
    return m.group().isEmpty() ? kind : kind + "." + m.group();
  }
}
