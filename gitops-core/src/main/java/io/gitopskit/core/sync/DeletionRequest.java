package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DeletionPlanner#plan} plans from: the deletion of an application whose {@code
 * resources-finalizer.argocd.argoproj.io} asks for its resources to go with it. Build one with
 * {@link #builder}.
 *
 * @param live the live objects this application tracks; the only objects that may be deleted
 * @param desired the desired objects (from Git); only their PreDelete and PostDelete hooks are
 *     read
 * @param options the application's sync options ({@code Delete=false|confirm} may also sit on
 *     each object's annotation, which wins)
 * @param propagationPolicy how the dependents of a deleted object are treated (Argo CD: {@code
 *     Foreground}, or {@code Background} with the {@code /background} finalizer variant)
 * @param deletionConfirmed whether the objects marked {@code Delete=confirm} have been
 *     confirmed (Argo CD's {@code argocd.argoproj.io/deletion-approved})
 * @param skipHooks whether the deletion hooks are left out
 * @param revision the revision the hooks come from (names generated hooks)
 * @param startedAtEpochSeconds when the deletion started (names generated hooks)
 * @since 0.1
 */
public record DeletionRequest(List<Manifest> live, ManifestSet desired, SyncOptions options,
    PropagationPolicy propagationPolicy, boolean deletionConfirmed, boolean skipHooks,
    String revision, long startedAtEpochSeconds) {

  /** Checks for nulls and copies. */
  public DeletionRequest {
    live = List.copyOf(live);
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(propagationPolicy, "propagationPolicy");
    Objects.requireNonNull(revision, "revision");
  }

  /**
   * Starts a request: no hooks, default options, foreground propagation, nothing confirmed.
   *
   * @param live the tracked live objects
   * @return a builder
   */
  public static Builder builder(List<Manifest> live) {
    return new Builder(live);
  }

  /** Builds a {@link DeletionRequest}; every setter returns this builder. */
  public static final class Builder {
    private final List<Manifest> live;
    private ManifestSet desired = ManifestSet.empty();
    private SyncOptions options = SyncOptions.defaults();
    private PropagationPolicy propagation = PropagationPolicy.FOREGROUND;
    private boolean confirmed;
    private boolean skipHooks;
    private String revision = "";
    private long startedAt;

    private Builder(List<Manifest> live) {
      this.live = Objects.requireNonNull(live, "live");
    }

    /** @param value the desired objects, for their deletion hooks @return this */
    public Builder desired(ManifestSet value) {
      this.desired = value;
      return this;
    }

    /** @param value the application's options @return this */
    public Builder options(SyncOptions value) {
      this.options = value;
      return this;
    }

    /** @param value how dependents are treated @return this */
    public Builder propagationPolicy(PropagationPolicy value) {
      this.propagation = value;
      return this;
    }

    /** @param value whether Delete=confirm objects are confirmed @return this */
    public Builder deletionConfirmed(boolean value) {
      this.confirmed = value;
      return this;
    }

    /** @param value whether the deletion hooks are left out @return this */
    public Builder skipHooks(boolean value) {
      this.skipHooks = value;
      return this;
    }

    /**
     * Sets what generated hook names are made of.
     *
     * @param rev the revision
     * @param epochSeconds the deletion's start
     * @return this
     */
    public Builder operation(String rev, long epochSeconds) {
      this.revision = rev;
      this.startedAt = epochSeconds;
      return this;
    }

    /** @return the request */
    public DeletionRequest build() {
      return new DeletionRequest(live, desired, options, propagation, confirmed, skipHooks,
          revision, startedAt);
    }
  }
}
