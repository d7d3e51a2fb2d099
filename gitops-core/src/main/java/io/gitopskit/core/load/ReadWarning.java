package io.gitopskit.core.load;

import io.gitopskit.core.model.SourceLocation;
import java.util.Objects;

/**
 * Something questionable in an Argo CD object that did not stop it from loading, such as an
 * unknown field. Never contains a field's value.
 *
 * @param location file, line, column and document of the field
 * @param object the object, e.g. {@code argoproj.io/v1alpha1 Application guestbook}
 * @param field the dotted field path, e.g. {@code spec.source.helm.valuesFile}
 * @param message what is questionable, e.g. {@code unknown field (ignored)}
 * @since 0.1
 */
public record ReadWarning(SourceLocation location, String object, String field,
    String message) {

  /** Checks for nulls. */
  public ReadWarning {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** {@code location: object: field: message}. */
  @Override
  public String toString() {
    return location + ": " + object + ": " + field + ": " + message;
  }
}
