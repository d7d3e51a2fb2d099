package io.gitopskit.core.appset.generator;

import io.gitopskit.core.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A generator could not produce its parameters: invalid configuration, an unreadable source, a
 * failing plugin. The ApplicationSet reconciler treats it as "change nothing".
 *
 * @since 0.1
 */
public final class GeneratorException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public GeneratorException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public GeneratorException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
