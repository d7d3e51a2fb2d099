package io.gitopskit.core.project;

import java.util.Objects;

/**
 * {@code spec.destinationServiceAccounts[]}: the service account a sync impersonates for a
 * destination (modelled, not used by GitOpsKit yet).
 *
 * @param server the cluster server glob
 * @param namespace the namespace glob, {@code ""} when not set
 * @param defaultServiceAccount the service account, optionally {@code namespace:name}
 * @since 0.1
 */
public record DestinationServiceAccount(String server, String namespace,
    String defaultServiceAccount) {

  /** Checks for nulls. */
  public DestinationServiceAccount {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(defaultServiceAccount, "defaultServiceAccount");
  }
}
