package io.gitopskit.core.appset.template;

import io.gitopskit.core.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A template could not be parsed or executed: a syntax error, an unknown function, a missing
 * key under {@code missingkey=error}, a function given arguments of the wrong type, a limit
 * exceeded (output size, steps, nesting). The message names the field path and the failing
 * construct (a function, a key, the character offset of an action), never the template text
 * (which may hold a literal secret) or a parameter value.
 *
 * @since 0.1
 */
public final class TemplateException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public TemplateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public TemplateException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
