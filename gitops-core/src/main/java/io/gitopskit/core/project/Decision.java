package io.gitopskit.core.project;

import java.util.Objects;

/**
 * The outcome of a project policy check: allowed, or refused with the rule that refused.
 *
 * <pre>{@code
 * Decision d = policy.evaluate(app);
 * if (d instanceof Decision.Refused r) {
 *   log.warn("{}: {}", r.rule(), r.message());   // e.g. spec.sourceRepos[2]: ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface Decision permits Decision.Allowed, Decision.Refused {

  /** @return whether the check passed */
  boolean isAllowed();

  /**
   * An allowed outcome.
   *
   * @param reason why, e.g. {@code no sync window applies}
   * @return the decision
   */
  static Allowed allowed(String reason) {
    return new Allowed(reason);
  }

  /**
   * The check passed.
   *
   * @param reason why, for logs and audit records
   * @since 0.1
   */
  record Allowed(String reason) implements Decision {

    /** Checks for null. */
    public Allowed {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean isAllowed() {
      return true;
    }
  }

  /**
   * The check failed.
   *
   * @param check which kind of check refused
   * @param rule the field path of the refusing rule in the AppProject (or the Application),
   *     e.g. {@code spec.destinations[1]} or {@code spec.syncWindows[0]}; a whole list (e.g.
   *     {@code spec.sourceRepos}) when no entry allowed
   * @param message what was refused and why, in Argo CD's words where it has them
   * @since 0.1
   */
  record Refused(Check check, String rule, String message) implements Decision {

    /** Checks for nulls. */
    public Refused {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean isAllowed() {
      return false;
    }

    /** {@code rule: message}. */
    @Override
    public String toString() {
      return rule + ": " + message;
    }
  }

  /** The kinds of project checks. */
  enum Check {
    /** The application belongs to another project. */
    PROJECT,
    /** The namespace the Application object lives in ({@code sourceNamespaces}). */
    SOURCE_NAMESPACE,
    /** A source repository ({@code sourceRepos}). */
    SOURCE_REPOSITORY,
    /** The destination cluster and namespace ({@code destinations}). */
    DESTINATION,
    /** A cluster-scoped resource kind ({@code clusterResourceWhitelist/Blacklist}). */
    CLUSTER_RESOURCE,
    /** A namespaced resource kind ({@code namespaceResourceWhitelist/Blacklist}). */
    NAMESPACED_RESOURCE,
    /** A sync window. */
    SYNC_WINDOW
  }
}
