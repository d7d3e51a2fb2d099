package io.gitopskit.core.sync;

import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link SyncPlanner#plan} plans from. Build one with {@link #builder}.
 *
 * @param desired the desired objects (from Git), hooks included
 * @param live the live objects this application tracks; the only prune candidates
 * @param diffs per-key diff results; a desired object without a result, or without a live
 *     object, counts as out of sync
 * @param options the application's sync options
 * @param prune whether pruning is enabled for this sync
 * @param pruneConfirmed whether {@code Prune=confirm} objects have been confirmed
 * @param allowEmpty whether a sync may prune every resource (Argo CD's {@code allowEmpty})
 * @param selection the keys of a selective sync; empty for a full sync
 * @param dryRun whether this is a dry run
 * @param skipHooks whether hooks are left out
 * @param namespace the destination namespace ({@code CreateNamespace}); may be empty
 * @param namespaceLabels labels for the namespace {@code CreateNamespace} applies (Argo CD's
 *     {@code managedNamespaceMetadata.labels})
 * @param namespaceAnnotations annotations for that namespace ({@code
 *     managedNamespaceMetadata.annotations})
 * @param revision the revision being synced (names generated hooks)
 * @param startedAtEpochSeconds when the operation started (names generated hooks)
 * @since 0.1
 */
public record SyncRequest(ManifestSet desired, List<Manifest> live,
    Map<ResourceKey, DiffResult> diffs, SyncOptions options, boolean prune,
    boolean pruneConfirmed, boolean allowEmpty, Optional<Set<ResourceKey>> selection,
    boolean dryRun, boolean skipHooks, String namespace, Map<String, String> namespaceLabels,
    Map<String, String> namespaceAnnotations, String revision, long startedAtEpochSeconds) {

  /** Checks for nulls and copies. */
  public SyncRequest {
    Objects.requireNonNull(desired, "desired");
    live = List.copyOf(live);
    diffs = java.util.Collections.unmodifiableMap(new TreeMap<>(diffs));
    Objects.requireNonNull(options, "options");
    selection = selection.map(s -> java.util.Collections.unmodifiableSet(new TreeSet<>(s)));
    Objects.requireNonNull(namespace, "namespace");
    namespaceLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(namespaceLabels));
    namespaceAnnotations = java.util.Collections.unmodifiableMap(
        new TreeMap<>(namespaceAnnotations));
    Objects.requireNonNull(revision, "revision");
  }

  /**
   * Starts a request: no live objects, no diffs, default options, pruning off, a full sync.
   *
   * @param desired the desired objects
   * @return a builder
   */
  public static Builder builder(ManifestSet desired) {
    return new Builder(desired);
  }

  /**
   * Whether a desired object needs applying: it has no live object or its diff says modified.
   *
   * @param key a desired object's key
   * @return true when out of sync (or unknown)
   */
  public boolean isOutOfSync(ResourceKey key) {
    DiffResult d = diffs.get(key);
    return d == null || d.normalizedLive() == null || d.modified();
  }

  /**
   * Whether a key is part of this sync (always, unless a selective sync leaves it out).
   *
   * @param key any key
   * @return true when selected
   */
  public boolean isSelected(ResourceKey key) {
    return selection.map(s -> s.contains(key)).orElse(true);
  }

  /** Builds a {@link SyncRequest}; every setter returns this builder. */
  public static final class Builder {
    private final ManifestSet desired;
    private List<Manifest> live = List.of();
    private Map<ResourceKey, DiffResult> diffs = Map.of();
    private SyncOptions options = SyncOptions.defaults();
    private boolean prune;
    private boolean pruneConfirmed;
    private boolean allowEmpty;
    private Optional<Set<ResourceKey>> selection = Optional.empty();
    private boolean dryRun;
    private boolean skipHooks;
    private String namespace = "";
    private Map<String, String> namespaceLabels = Map.of();
    private Map<String, String> namespaceAnnotations = Map.of();
    private String revision = "";
    private long startedAt;

    private Builder(ManifestSet desired) {
      this.desired = Objects.requireNonNull(desired, "desired");
    }

    /** @param value the tracked live objects @return this */
    public Builder live(List<Manifest> value) {
      this.live = value;
      return this;
    }

    /** @param value per-key diff results @return this */
    public Builder diffs(Map<ResourceKey, DiffResult> value) {
      this.diffs = value;
      return this;
    }

    /** @param value the application's options @return this */
    public Builder options(SyncOptions value) {
      this.options = value;
      return this;
    }

    /** @param value whether pruning is enabled @return this */
    public Builder prune(boolean value) {
      this.prune = value;
      return this;
    }

    /** @param value whether Prune=confirm objects are confirmed @return this */
    public Builder pruneConfirmed(boolean value) {
      this.pruneConfirmed = value;
      return this;
    }

    /** @param value whether pruning everything is allowed @return this */
    public Builder allowEmpty(boolean value) {
      this.allowEmpty = value;
      return this;
    }

    /** @param keys the keys of a selective sync @return this */
    public Builder selection(Set<ResourceKey> keys) {
      this.selection = Optional.of(keys);
      return this;
    }

    /** @param value whether this is a dry run @return this */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /** @param value whether hooks are left out @return this */
    public Builder skipHooks(boolean value) {
      this.skipHooks = value;
      return this;
    }

    /** @param value the destination namespace @return this */
    public Builder namespace(String value) {
      this.namespace = value;
      return this;
    }

    /**
     * Sets the metadata of the namespace {@code CreateNamespace=true} applies (Argo CD's {@code
     * managedNamespaceMetadata}); an existing namespace gets these labels and annotations
     * added, others it has are kept.
     *
     * @param labels the labels
     * @param annotations the annotations
     * @return this
     */
    public Builder namespaceMetadata(Map<String, String> labels,
        Map<String, String> annotations) {
      this.namespaceLabels = Objects.requireNonNull(labels, "labels");
      this.namespaceAnnotations = Objects.requireNonNull(annotations, "annotations");
      return this;
    }

    /**
     * Sets what generated hook names are made of.
     *
     * @param rev the revision
     * @param epochSeconds the operation's start
     * @return this
     */
    public Builder operation(String rev, long epochSeconds) {
      this.revision = rev;
      this.startedAt = epochSeconds;
      return this;
    }

    /** @return the request */
    public SyncRequest build() {
      return new SyncRequest(desired, live, diffs, options, prune, pruneConfirmed, allowEmpty,
          selection, dryRun, skipHooks, namespace, namespaceLabels, namespaceAnnotations,
          revision, startedAt);
    }
  }
}
