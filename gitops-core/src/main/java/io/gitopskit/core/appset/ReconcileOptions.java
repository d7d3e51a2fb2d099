package io.gitopskit.core.appset;

import io.gitopskit.core.appset.generator.ClusterRegistry;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Controller-wide settings of {@link ApplicationSetReconciler}.
 *
 * @param policy the controller-wide policy ({@code --policy}, default {@code sync})
 * @param allowPolicyOverride honour each ApplicationSet's own {@code applicationsSync} ({@code
 *     --enable-policy-override}); otherwise it is ignored, as in Argo CD
 * @param maxDeleteShare the delete guard: the largest share (0 to 1) of an ApplicationSet's
 *     existing applications one reconcile may delete; more planned deletes are all refused. 1
 *     turns the guard off
 * @param allowedProjects the projects generated applications may use; empty allows any. An
 *     application outside it is invalid: neither created nor updated (nor deleted)
 * @param projectExists whether a project exists; an application whose project does not is
 *     invalid
 * @param clusters the clusters Argo CD knows (its cluster Secrets; {@code in-cluster} is
 *     implied), or null to skip the destination checks that need them: a destination {@code
 *     name} must then resolve to exactly one cluster, and an application deleted while its
 *     destination resolves to no known cluster loses its resources finalizer first (see {@link
 *     ReconcilePlan#finalizersToRemove()})
 * @since 0.1
 */
public record ReconcileOptions(ApplicationsSyncPolicy policy, boolean allowPolicyOverride,
    double maxDeleteShare, Set<String> allowedProjects, Predicate<String> projectExists,
    @Nullable ClusterRegistry clusters) {

  private static final ReconcileOptions DEFAULTS = new ReconcileOptions(
      ApplicationsSyncPolicy.SYNC, false, 1.0, Set.of(), p -> true, null);

  /** Validates and copies. */
  public ReconcileOptions {
    Objects.requireNonNull(policy, "policy");
    if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
      throw new IllegalArgumentException("maxDeleteShare must be between 0 and 1");
    }
    allowedProjects = java.util.Collections.unmodifiableSet(new TreeSet<>(allowedProjects));
    Objects.requireNonNull(projectExists, "projectExists");
  }

  /**
   * The defaults: policy {@code sync}, no override, no delete guard, any project, no cluster
   * checks.
   *
   * @return the defaults
   */
  public static ReconcileOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another controller-wide policy.
   *
   * @param value the policy
   * @return the copy
   */
  public ReconcileOptions withPolicy(ApplicationsSyncPolicy value) {
    return new ReconcileOptions(value, allowPolicyOverride, maxDeleteShare, allowedProjects,
        projectExists, clusters);
  }

  /**
   * A copy that honours or ignores per-ApplicationSet policies.
   *
   * @param value true to honour them
   * @return the copy
   */
  public ReconcileOptions withPolicyOverride(boolean value) {
    return new ReconcileOptions(policy, value, maxDeleteShare, allowedProjects, projectExists,
        clusters);
  }

  /**
   * A copy with a delete guard.
   *
   * @param value the largest share of existing applications one reconcile may delete
   * @return the copy
   */
  public ReconcileOptions withMaxDeleteShare(double value) {
    return new ReconcileOptions(policy, allowPolicyOverride, value, allowedProjects,
        projectExists, clusters);
  }

  /**
   * A copy that allows only some projects.
   *
   * @param value the allowed projects; empty allows any
   * @return the copy
   */
  public ReconcileOptions withAllowedProjects(Set<String> value) {
    return new ReconcileOptions(policy, allowPolicyOverride, maxDeleteShare, value,
        projectExists, clusters);
  }

  /**
   * A copy with a project lookup.
   *
   * @param value whether a project exists
   * @return the copy
   */
  public ReconcileOptions withProjectExists(Predicate<String> value) {
    return new ReconcileOptions(policy, allowPolicyOverride, maxDeleteShare, allowedProjects,
        value, clusters);
  }

  /**
   * A copy that checks destinations against the known clusters, as Argo CD does with its
   * cluster Secrets ({@code in-cluster} is implied unless a registered cluster has its server).
   *
   * @param value the clusters
   * @return the copy
   */
  public ReconcileOptions withClusters(ClusterRegistry value) {
    return new ReconcileOptions(policy, allowPolicyOverride, maxDeleteShare, allowedProjects,
        projectExists, Objects.requireNonNull(value, "clusters"));
  }
}
