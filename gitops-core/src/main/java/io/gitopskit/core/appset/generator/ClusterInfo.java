package io.gitopskit.core.appset.generator;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A cluster known to the cluster generator: what Argo CD reads from a cluster Secret.
 *
 * @param name the cluster name
 * @param server the API server URL
 * @param project the project the cluster is scoped to, or {@code ""}
 * @param labels the labels, matched by the generator's selector
 * @param annotations the annotations
 * @since 0.1
 */
public record ClusterInfo(String name, String server, String project, Map<String, String> labels,
    Map<String, String> annotations) {

  /** The server URL of the cluster the controller runs in. */
  public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

  /** Validates and copies (sorted). */
  public ClusterInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(project, "project");
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /**
   * A cluster without project, labels or annotations.
   *
   * @param name the name
   * @param server the server URL
   * @return the cluster
   */
  public static ClusterInfo of(String name, String server) {
    return new ClusterInfo(name, server, "", Map.of(), Map.of());
  }

  /**
   * A copy with labels.
   *
   * @param newLabels the labels
   * @return the copy
   */
  public ClusterInfo withLabels(Map<String, String> newLabels) {
    return new ClusterInfo(name, server, project, newLabels, annotations);
  }
}
