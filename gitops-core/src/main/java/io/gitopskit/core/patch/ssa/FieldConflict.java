package io.gitopskit.core.patch.ssa;

import java.util.Objects;

/**
 * A field a server-side apply would change that another manager owns.
 *
 * @param path the field
 * @param owner the other manager's entry (its fields are those it owns before the apply)
 * @since 0.1
 */
public record FieldConflict(FieldPath path, ManagedFieldsEntry owner) {

  /** Validates. */
  public FieldConflict {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * The owning manager's name.
   *
   * @return e.g. {@code kubectl-edit}
   */
  public String manager() {
    return owner.manager();
  }

  /** {@code conflict with "kubectl-edit" using apps/v1: .spec.replicas}. */
  @Override
  public String toString() {
    return "conflict with " + owner.describe() + ": " + path;
  }
}
