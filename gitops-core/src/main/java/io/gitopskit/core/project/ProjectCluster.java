package io.gitopskit.core.project;

import java.util.Objects;

/**
 * A cluster the policy knows about, so that a destination given by name can be checked by
 * server and the other way round, and {@code permitOnlyProjectScopedClusters} can be judged.
 *
 * @param name the cluster name, e.g. {@code in-cluster}
 * @param server the API URL, e.g. {@code https://kubernetes.default.svc}
 * @param project the project the cluster is scoped to, {@code ""} for a global cluster
 * @since 0.1
 */
public record ProjectCluster(String name, String server, String project) {

  /** Checks for nulls. */
  public ProjectCluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(project, "project");
  }
}
