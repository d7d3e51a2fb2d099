package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * One field-level cause of an {@link ClusterException.Invalid} failure, as in a Kubernetes
 * {@code Status.details.causes} entry.
 *
 * @param reason e.g. {@code FieldValueInvalid}, {@code FieldValueRequired},
 *     {@code FieldValueForbidden}, {@code FieldValueNotSupported}
 * @param message the text after the field path, e.g. {@code Invalid value: 3: field is
 *     immutable}
 * @param field the field path, e.g. {@code spec.selector}
 * @since 0.1
 */
public record FieldCause(String reason, String message, String field) {

  /** Validates. */
  public FieldCause {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(field, "field");
  }

  /** {@code field: message}, the form Kubernetes joins into its error text. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
