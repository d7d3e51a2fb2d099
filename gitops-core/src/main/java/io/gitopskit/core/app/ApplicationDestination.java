package io.gitopskit.core.app;

import java.util.Objects;

/**
 * Where an application deploys to ({@code spec.destination}), or one allowed destination of a
 * project ({@code spec.destinations[]}, where every part is a glob).
 *
 * <p>An application names its cluster by {@code server} (API URL) <em>or</em> by {@code name},
 * never both; the in-cluster destination is {@value #IN_CLUSTER_SERVER} or {@value
 * #IN_CLUSTER_NAME}. The namespace is applied only to namespaced objects without their own.
 *
 * @param server the cluster API URL, {@code ""} when not set
 * @param name the cluster name, {@code ""} when not set
 * @param namespace the namespace, {@code ""} when not set
 * @since 0.1
 */
public record ApplicationDestination(String server, String name, String namespace) {

  /** The in-cluster API URL. */
  public static final String IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

  /** The in-cluster cluster name. */
  public static final String IN_CLUSTER_NAME = "in-cluster";

  /** Checks for nulls. */
  public ApplicationDestination {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
  }

  /**
   * A destination by cluster URL.
   *
   * @param server the API URL
   * @param namespace the namespace, or {@code ""}
   * @return the destination
   */
  public static ApplicationDestination ofServer(String server, String namespace) {
    return new ApplicationDestination(server, "", namespace);
  }

  /**
   * A destination by cluster name.
   *
   * @param name the cluster name
   * @param namespace the namespace, or {@code ""}
   * @return the destination
   */
  public static ApplicationDestination ofName(String name, String namespace) {
    return new ApplicationDestination("", name, namespace);
  }

  /**
   * Checks the rule Argo CD applies to an application's destination: exactly one of server and
   * name.
   *
   * @throws IllegalArgumentException if both or neither are set
   */
  void checkForApplication() {
    if (!server.isEmpty() && !name.isEmpty()) {
      throw new IllegalArgumentException(
          "application destination can't have both name and server defined");
    }
    if (server.isEmpty() && name.isEmpty()) {
      throw new IllegalArgumentException("one of server or name is required");
    }
  }
}
