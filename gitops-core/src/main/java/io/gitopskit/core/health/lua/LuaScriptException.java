package io.gitopskit.core.health.lua;

import io.gitopskit.core.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A health script could not be loaded: a syntax error, a script over {@link
 * LuaLimits#maxScriptBytes()}, a symbolic link leaving the scripts directory, or an unreadable
 * file. Errors while a script runs are never thrown: they become an Unknown health.
 *
 * @since 0.1
 */
public final class LuaScriptException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception.
   *
   * @param message what went wrong, naming the script or file
   */
  public LuaScriptException(String message) {
    super(message);
  }

  /**
   * An exception with a cause.
   *
   * @param message what went wrong, naming the script or file
   * @param cause the underlying error, or null
   */
  public LuaScriptException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
