package io.gitopskit.core.cluster;

import io.gitopskit.core.GitOpsException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A cluster request failed. Sealed: one case per Kubernetes status reason GitOpsKit acts on, so
 * callers can tell "retry" (Conflict, Unavailable) from "fix the manifest" (Invalid) from "give
 * up" (Forbidden). Messages are the API server's own texts and never carry Secret values.
 *
 * @since 0.1
 */
public abstract sealed class ClusterException extends GitOpsException
    permits ClusterException.NotFound, ClusterException.AlreadyExists,
        ClusterException.Conflict, ClusterException.Invalid, ClusterException.Forbidden,
        ClusterException.Gone, ClusterException.Unavailable {

  private static final long serialVersionUID = 1L;

  private ClusterException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * The Kubernetes status reason, e.g. {@code NotFound}.
   *
   * @return the reason
   */
  public abstract String reason();

  /**
   * The HTTP status code, e.g. 404.
   *
   * @return the code
   */
  public abstract int code();

  /**
   * Whether retrying the same request later may succeed (conflicts and unavailability).
   *
   * @return true for transient failures
   */
  public boolean isRetryable() {
    return false;
  }

  /** 404: the object (or its kind) does not exist. */
  public static final class NotFound extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message e.g. {@code deployments.apps "web" not found}
     */
    public NotFound(String message) {
      super(message, null);
    }

    @Override
    public String reason() {
      return "NotFound";
    }

    @Override
    public int code() {
      return 404;
    }
  }

  /** 409 AlreadyExists: a create named an existing object. */
  public static final class AlreadyExists extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message e.g. {@code deployments.apps "web" already exists}
     */
    public AlreadyExists(String message) {
      super(message, null);
    }

    @Override
    public String reason() {
      return "AlreadyExists";
    }

    @Override
    public int code() {
      return 409;
    }
  }

  /**
   * 409 Conflict: a stale resourceVersion, a failed precondition, or server-side apply fields
   * owned by another manager.
   */
  public static final class Conflict extends ClusterException {
    private static final long serialVersionUID = 1L;

    private final List<FieldCause> causes;

    /**
     * Creates the failure.
     *
     * @param message the server's text
     */
    public Conflict(String message) {
      this(message, List.of());
    }

    /**
     * Creates the failure with field causes (server-side apply conflicts).
     *
     * @param message the server's text
     * @param causes one cause per conflicting field
     */
    public Conflict(String message, List<FieldCause> causes) {
      super(message, null);
      this.causes = List.copyOf(causes);
    }

    /**
     * The conflicting fields, for server-side apply conflicts.
     *
     * @return the causes, possibly empty
     */
    public List<FieldCause> causes() {
      return causes;
    }

    @Override
    public String reason() {
      return "Conflict";
    }

    @Override
    public int code() {
      return 409;
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }

  /** 422 Invalid: validation failed; the causes name each field. */
  public static final class Invalid extends ClusterException {
    private static final long serialVersionUID = 1L;

    private final List<FieldCause> causes;

    /**
     * Creates the failure.
     *
     * @param message e.g. {@code Deployment.apps "web" is invalid: spec.selector: ...}
     * @param causes one cause per invalid field
     */
    public Invalid(String message, List<FieldCause> causes) {
      super(message, null);
      this.causes = List.copyOf(causes);
    }

    /**
     * The invalid fields.
     *
     * @return the causes
     */
    public List<FieldCause> causes() {
      return causes;
    }

    @Override
    public String reason() {
      return "Invalid";
    }

    @Override
    public int code() {
      return 422;
    }
  }

  /** 403 Forbidden: not allowed (RBAC, admission, a namespace being terminated). */
  public static final class Forbidden extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message the server's text
     */
    public Forbidden(String message) {
      super(message, null);
    }

    @Override
    public String reason() {
      return "Forbidden";
    }

    @Override
    public int code() {
      return 403;
    }
  }

  /** 410 Gone: a watch asked for a resourceVersion the server no longer keeps. */
  public static final class Gone extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message e.g. {@code too old resource version: 5 (120)}
     */
    public Gone(String message) {
      super(message, null);
    }

    @Override
    public String reason() {
      return "Expired";
    }

    @Override
    public int code() {
      return 410;
    }
  }

  /** 503/500/timeout: the cluster could not be reached or did not answer. */
  public static final class Unavailable extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what was unreachable
     * @param cause the underlying failure, or null
     */
    public Unavailable(String message, @Nullable Throwable cause) {
      super(message, cause);
    }

    @Override
    public String reason() {
      return "ServiceUnavailable";
    }

    @Override
    public int code() {
      return 503;
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }
}
