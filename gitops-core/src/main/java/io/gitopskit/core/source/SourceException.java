package io.gitopskit.core.source;

import io.gitopskit.core.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A source could not be resolved or read: missing path, unreadable file, a symlink or path
 * leaving the source root, or a size cap exceeded. Never turned into an empty result.
 *
 * @since 0.1
 */
public class SourceException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and why
   */
  public SourceException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed and why
   * @param cause the underlying failure
   */
  public SourceException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
