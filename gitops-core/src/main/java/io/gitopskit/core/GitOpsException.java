package io.gitopskit.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of GitOpsKit's unchecked exception family for infrastructure and input failures.
 *
 * <p>Expected domain outcomes (an unhealthy resource, a rejected apply, a blocked prune) are
 * returned as data, never thrown. This family is for what stops an operation: a file that
 * cannot be parsed, a source that cannot be read, a cluster that cannot be reached. Messages
 * never contain secret values.
 *
 * @since 0.1
 */
public class GitOpsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, in the form "failed to &lt;verb&gt; &lt;object&gt;: reason"
   */
  public GitOpsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what failed
   * @param cause the underlying failure, kept for diagnosis
   */
  public GitOpsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
