package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.cluster.ResourceList;
import io.gitopskit.core.cluster.Watch;
import io.gitopskit.core.cluster.WatchEvent;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes cluster simulated in memory, with the API server's semantics: uid,
 * resourceVersion, generation, creationTimestamp, deletion with finalizers, garbage collection
 * of dependents for each propagation policy, namespaces, optimistic concurrency, server
 * defaults, validation and immutable fields, admission hooks, CRDs that register new kinds,
 * label-selector lists served from an index, watches, server dry-run, fault injection, and
 * deterministic controllers driven by a {@link ManualClock}.
 *
 * <p>Everything is deterministic for a given seed and sequence of calls: uids come from the
 * seed, timestamps from the clock. Thread-safe: requests are serialized; watch events are
 * delivered in order, on the thread that made the change, after the change is visible.
 *
 * <pre>{@code
 * SimulatedCluster cluster = SimulatedCluster.create();
 * cluster.create(namespace("dev"), WriteOptions.defaults());
 * Manifest stored = cluster.applyServerSide(deployment, ApplyOptions.defaults());
 * cluster.clock().advance(Duration.ofSeconds(30));   // controllers roll the Deployment out
 * }</pre>
 *
 * @since 0.1
 */
public final class SimulatedCluster implements ClusterTarget {

  private final Store store;
  private final ManualClock clock;
  private final Faults faults;

  private SimulatedCluster(Builder b) {
    this.clock = b.clock;
    this.faults = new Faults(b.seed);
    this.store = new Store(b);
    clock.onAdvance(t -> store.runControllers());
  }

  /**
   * A cluster with the built-in Kubernetes kinds, a fresh {@link ManualClock}, seed 0, and the
   * {@code default}, {@code kube-system}, {@code kube-public} and {@code kube-node-lease}
   * namespaces.
   *
   * @return the cluster
   */
  public static SimulatedCluster create() {
    return builder().build();
  }

  /**
   * A builder for a configured cluster.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The clock the cluster reads; advancing it runs the simulated controllers.
   *
   * @return the clock
   */
  public ManualClock clock() {
    return clock;
  }

  /**
   * The fault-injection switches of this cluster.
   *
   * @return the faults
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Every stored object, ordered by group, kind, namespace and name.
   *
   * @return a snapshot
   */
  public List<Manifest> objects() {
    return store.all();
  }

  /**
   * The number of stored objects.
   *
   * @return the count
   */
  public int size() {
    return store.size();
  }

  /**
   * Simulates a person running {@code kubectl edit}: changes a live object as field manager
   * {@code kubectl-edit}, bypassing nothing (defaults, admission and validation apply).
   *
   * @param gvk the kind
   * @param namespace the namespace
   * @param name the name
   * @param change returns the edited object root
   * @return the stored object
   * @throws ClusterException.NotFound if the object does not exist
   */
  public Manifest edit(GroupVersionKind gvk, String namespace, String name,
      UnaryOperator<JsonObject> change) {
    Manifest live = get(gvk, namespace, name).orElseThrow(() -> new ClusterException.NotFound(
        store.resource(gvk).qualifiedPlural() + " \"" + name + "\" not found"));
    Manifest edited = live.withRoot(change.apply(live.root()));
    return update(edited, WriteOptions.defaults().withFieldManager("kubectl-edit"));
  }

  /**
   * Simulates the loss of the whole cluster: every object is gone and CRD-registered kinds are
   * no longer served; the built-in namespaces come back empty, as on a freshly installed
   * cluster. Open watches are closed.
   */
  public void loseEverything() {
    store.reset();
  }

  /** Runs the simulated controllers until nothing changes (also done on every clock move). */
  public void runControllers() {
    store.runControllers();
  }

  @Override
  public List<ApiResource> apiResources() {
    faults.check("get", "discovery", null);
    return store.resources();
  }

  @Override
  public Optional<Manifest> get(GroupVersionKind gvk, String namespace, String name) {
    faults.check("get", gvk.kind(), name);
    return store.get(gvk, namespace, name);
  }

  @Override
  public ResourceList list(GroupVersionKind gvk, ListOptions options) {
    faults.check("list", gvk.kind(), null);
    return store.list(gvk, options.namespace(), options.selector());
  }

  @Override
  public Manifest create(Manifest object, WriteOptions options) {
    faults.check("create", object.kind(), object.name());
    return store.create(object, options);
  }

  @Override
  public Manifest update(Manifest object, WriteOptions options) {
    faults.check("update", object.kind(), object.name());
    return store.update(object, options, false);
  }

  @Override
  public Manifest updateStatus(Manifest object, WriteOptions options) {
    faults.check("update", object.kind(), object.name());
    return store.update(object, options, true);
  }

  @Override
  public Manifest applyClientSide(Manifest object, WriteOptions options) {
    faults.check("patch", object.kind(), object.name());
    return store.applyClientSide(object, options);
  }

  @Override
  public Manifest applyServerSide(Manifest object, ApplyOptions options) {
    faults.check("apply", object.kind(), object.name());
    return store.applyServerSide(object, options);
  }

  @Override
  public Manifest patch(GroupVersionKind gvk, String namespace, String name, PatchType type,
      JsonValue patch, WriteOptions options) {
    faults.check("patch", gvk.kind(), name);
    return store.patch(gvk, namespace, name, type, patch, options);
  }

  @Override
  public Manifest delete(GroupVersionKind gvk, String namespace, String name,
      DeleteOptions options) {
    faults.check("delete", gvk.kind(), name);
    return store.delete(gvk, namespace, name, options);
  }

  @Override
  public Watch watch(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener) {
    faults.check("watch", gvk.kind(), null);
    return store.watch(gvk, options, listener);
  }

  /**
   * Configures a {@link SimulatedCluster}. Single use.
   *
   * @since 0.1
   */
  public static final class Builder {

    ManualClock clock = ManualClock.create();
    long seed;
    final List<Admission.Mutator> mutators = new ArrayList<>();
    final List<Admission.Validator> validators = new ArrayList<>();
    final List<ApiResource> extraResources = new ArrayList<>();
    final ImagePolicy images = new ImagePolicy();
    boolean controllers = true;
    int watchHistory = 10_000;
    @Nullable Path journal;

    private Builder() {}

    /**
     * The clock to read and be driven by.
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(ManualClock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The seed for uids, generated names and random faults.
     *
     * @param value the seed
     * @return this
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * Adds a mutating admission hook.
     *
     * @param mutator the hook
     * @return this
     */
    public Builder mutator(Admission.Mutator mutator) {
      mutators.add(Objects.requireNonNull(mutator, "mutator"));
      return this;
    }

    /**
     * Adds a validating admission hook.
     *
     * @param validator the hook
     * @return this
     */
    public Builder validator(Admission.Validator validator) {
      validators.add(Objects.requireNonNull(validator, "validator"));
      return this;
    }

    /**
     * Serves an extra API resource (beyond the built-in kinds and CRDs).
     *
     * @param resource the resource
     * @return this
     */
    public Builder serve(ApiResource resource) {
      extraResources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * Switches the simulated controllers on (default) or off.
     *
     * @param value false for a bare API server
     * @return this
     */
    public Builder controllers(boolean value) {
      controllers = value;
      return this;
    }

    /**
     * How many past events a watch can resume from (default 10,000).
     *
     * @param value the history length
     * @return this
     */
    public Builder watchHistory(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("watch history must be positive");
      }
      watchHistory = value;
      return this;
    }

    /**
     * Makes the cluster durable, so that its state survives the process (crash tests): every
     * committed change (each stored object, each removal, {@link #loseEverything()}) is
     * appended to this file as one JSON line before the request returns, and a cluster built
     * on a file that already holds records starts from the state they describe instead of a
     * fresh one. Build a cluster on the same file in another process (same seed and
     * configuration) to continue where a killed one stopped.
     *
     * <p>Restored: every object exactly as stored (uid, resourceVersion, timestamps, status),
     * the resourceVersion counter, kinds registered by CRDs, cluster-IP and node-port
     * allocation, and the clock (moved to the last recorded change if it is behind). Not
     * restored: watch history (a watch from an older resourceVersion gets {@code Gone}) and
     * time that passed without a change. A torn last line (a kill during a write) is dropped.
     * The controllers run once the state is restored, finishing what a kill right after a write
     * left unreconciled.
     *
     * @param file the journal, created when missing
     * @return this
     */
    public Builder journal(Path file) {
      journal = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Images whose name contains this text fail to pull (Pods in ImagePullBackOff).
     *
     * @param fragment e.g. {@code :broken} or {@code does-not-exist}
     * @return this
     */
    public Builder failingImage(String fragment) {
      images.failPull.add(Objects.requireNonNull(fragment, "fragment"));
      return this;
    }

    /**
     * Images whose name contains this text start and then crash (CrashLoopBackOff).
     *
     * @param fragment e.g. {@code :crash}
     * @return this
     */
    public Builder crashingImage(String fragment) {
      images.crash.add(Objects.requireNonNull(fragment, "fragment"));
      return this;
    }

    /**
     * Builds the cluster.
     *
     * @return the cluster
     */
    public SimulatedCluster build() {
      return new SimulatedCluster(this);
    }
  }

  /** Which images fail to pull or crash; shared with the controllers. */
  static final class ImagePolicy {
    final List<String> failPull = new ArrayList<>();
    final List<String> crash = new ArrayList<>();

    boolean failsToPull(String image) {
      return failPull.stream().anyMatch(image::contains);
    }

    boolean crashes(String image) {
      return crash.stream().anyMatch(image::contains);
    }
  }

  static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
