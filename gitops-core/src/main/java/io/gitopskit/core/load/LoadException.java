package io.gitopskit.core.load;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.model.SourceLocation;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Input could not be loaded as manifests: a syntax error, an invalid object, a limit exceeded.
 * The message names the file, line, column, document, the object when known, and the field;
 * it never contains a field's value (which could be a secret).
 *
 * @since 0.1
 */
public final class LoadException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;
  private final @Nullable String object;
  private final @Nullable String field;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param location where the problem is
   * @param object the object, e.g. {@code apps/v1 Deployment web}, or null when unknown
   * @param field the dotted field path, or null
   * @param problem what is wrong
   * @param cause the underlying parser failure, or null
   */
  public LoadException(SourceLocation location, @Nullable String object, @Nullable String field,
      String problem, @Nullable Throwable cause) {
    super(format(location, object, field, problem), cause);
    this.location = location;
    this.object = object;
    this.field = field;
    this.problem = problem;
  }

  private static String format(SourceLocation location, @Nullable String object,
      @Nullable String field, String problem) {
    StringBuilder b = new StringBuilder("failed to load ").append(location).append(": ");
    if (object != null) {
      b.append(object).append(": ");
    }
    if (field != null) {
      b.append(field).append(": ");
    }
    return b.append(problem).toString();
  }

  /**
   * Where the problem is.
   *
   * @return file, line, column and document index
   */
  public SourceLocation location() {
    return location;
  }

  /**
   * The object the problem is in, e.g. {@code apps/v1 Deployment web}.
   *
   * @return the object, if known
   */
  public Optional<String> object() {
    return Optional.ofNullable(object);
  }

  /**
   * The dotted path of the offending field, e.g. {@code metadata.name}.
   *
   * @return the field, if the problem is about one
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * What is wrong, without the location.
   *
   * @return the problem text
   */
  public String problem() {
    return problem;
  }
}
