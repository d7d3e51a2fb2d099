package io.gitopskit.core.patch;

import io.gitopskit.core.GitOpsException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A patch could not be applied or created: a JSON Patch operation failed, or a strategic merge
 * patch is malformed for the type it targets.
 *
 * <p>The message names the operation (for JSON Patch, by its index in the patch) and the path
 * where it failed, never a value of the document or the patch, so it is safe to log for Secrets.
 *
 * @since 0.1
 */
public final class PatchException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  private final int operation;
  private final String path;

  /**
   * Creates the failure of a patch that is not a list of operations.
   *
   * @param reason what is wrong, without values
   * @param path where, as a JSON pointer
   */
  public PatchException(String reason, String path) {
    super("failed to apply patch at \"" + path + "\": " + reason);
    this.operation = -1;
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * Creates the failure of one JSON Patch operation.
   *
   * @param operation the operation's index in the patch, from 0
   * @param op the operation name, e.g. {@code remove}
   * @param path the operation's path (or {@code from}) as a JSON pointer
   * @param reason what is wrong, without values
   */
  public PatchException(int operation, String op, String path, String reason) {
    super("failed to apply JSON patch operation " + operation + " (" + op + ") at \"" + path
        + "\": " + reason);
    if (operation < 0) {
      throw new IllegalArgumentException("operation index must be >= 0");
    }
    this.operation = operation;
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * The index of the failed JSON Patch operation.
   *
   * @return the index from 0, or empty when the patch is not a list of operations
   */
  public OptionalInt operation() {
    return operation < 0 ? OptionalInt.empty() : OptionalInt.of(operation);
  }

  /**
   * Where the patch failed.
   *
   * @return a JSON pointer into the document
   */
  public String path() {
    return path;
  }
}
