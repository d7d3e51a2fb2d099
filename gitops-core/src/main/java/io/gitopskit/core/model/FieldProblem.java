package io.gitopskit.core.model;

import java.util.Objects;

/**
 * Why a JSON object is not a valid Kubernetes manifest: the offending field and what is wrong.
 *
 * @param field the dotted field path, e.g. {@code metadata.name} or {@code metadata.labels.app}
 * @param message what is wrong, e.g. {@code is required}; never contains a field's value
 * @since 0.1
 */
public record FieldProblem(String field, String message) {

  /** Validates the components. */
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** {@code field: message}. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
