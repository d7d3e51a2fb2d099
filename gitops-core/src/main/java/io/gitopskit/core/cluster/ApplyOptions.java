package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * Options of a server-side apply.
 *
 * @param fieldManager the manager that will own exactly the applied fields
 * @param force take ownership of fields another manager owns instead of failing with a conflict
 * @param dryRun run every server step but store nothing
 * @param fieldValidation how fields the schema does not declare are treated (server default
 *     {@link FieldValidation#WARN})
 * @since 0.1
 */
public record ApplyOptions(String fieldManager, boolean force, boolean dryRun,
    FieldValidation fieldValidation) {

  private static final ApplyOptions DEFAULTS =
      new ApplyOptions(WriteOptions.DEFAULT_MANAGER, false, false);

  /** Validates the manager. */
  public ApplyOptions {
    Objects.requireNonNull(fieldManager, "fieldManager");
    Objects.requireNonNull(fieldValidation, "fieldValidation");
    if (fieldManager.isBlank() || fieldManager.length() > 128) {
      throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
    }
  }

  /**
   * Options with the server's default field validation ({@link FieldValidation#WARN}).
   *
   * @param fieldManager the manager that will own exactly the applied fields
   * @param force take ownership of conflicting fields
   * @param dryRun run every server step but store nothing
   */
  public ApplyOptions(String fieldManager, boolean force, boolean dryRun) {
    this(fieldManager, force, dryRun, FieldValidation.WARN);
  }

  /**
   * Manager {@code gitopskit}, no force, not a dry run, the server's default field validation.
   *
   * @return the defaults
   */
  public static ApplyOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another manager.
   *
   * @param manager the manager name
   * @return the new options
   */
  public ApplyOptions withFieldManager(String manager) {
    return new ApplyOptions(manager, force, dryRun, fieldValidation);
  }

  /**
   * A copy with force set.
   *
   * @param value true to take conflicting fields
   * @return the new options
   */
  public ApplyOptions withForce(boolean value) {
    return new ApplyOptions(fieldManager, value, dryRun, fieldValidation);
  }

  /**
   * A copy with dry-run set.
   *
   * @param value true for a server dry run
   * @return the new options
   */
  public ApplyOptions withDryRun(boolean value) {
    return new ApplyOptions(fieldManager, force, value, fieldValidation);
  }

  /**
   * A copy with another field validation.
   *
   * @param value e.g. {@link FieldValidation#STRICT} to fail on unknown fields
   * @return the new options
   */
  public ApplyOptions withFieldValidation(FieldValidation value) {
    return new ApplyOptions(fieldManager, force, dryRun, value);
  }
}
