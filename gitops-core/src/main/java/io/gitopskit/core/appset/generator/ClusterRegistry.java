package io.gitopskit.core.appset.generator;

import java.util.List;

/**
 * The clusters the cluster generator can select from (Argo CD's cluster Secrets).
 *
 * <p>The local cluster need not be registered: when no registered cluster has the server
 * {@value ClusterInfo#IN_CLUSTER_SERVER} and the generator's selector is empty, the generator
 * adds {@code in-cluster} itself, as Argo CD does.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ClusterRegistry {

  /**
   * The registered clusters.
   *
   * @return the clusters
   * @throws GeneratorException (or another unchecked exception) if they cannot be read; never
   *     an empty list in place of a failure
   */
  List<ClusterInfo> clusters();

  /**
   * A fixed registry.
   *
   * @param clusters the clusters
   * @return the registry
   */
  static ClusterRegistry of(List<ClusterInfo> clusters) {
    List<ClusterInfo> copy = List.copyOf(clusters);
    return () -> copy;
  }

  /**
   * A registry without clusters (only the implicit {@code in-cluster}).
   *
   * @return the registry
   */
  static ClusterRegistry empty() {
    return List::of;
  }
}
