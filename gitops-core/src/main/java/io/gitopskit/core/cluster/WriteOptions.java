package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * Options of a create, update, patch or client-side apply.
 *
 * @param dryRun run every server step (defaulting, admission, validation) but store nothing
 * @param fieldManager the field manager recorded in managedFields
 * @param fieldValidation how fields the schema does not declare are treated (server default
 *     {@link FieldValidation#WARN})
 * @since 0.1
 */
public record WriteOptions(boolean dryRun, String fieldManager,
    FieldValidation fieldValidation) {

  /** The field manager GitOpsKit writes as unless told otherwise. */
  public static final String DEFAULT_MANAGER = "gitopskit";

  private static final WriteOptions DEFAULTS = new WriteOptions(false, DEFAULT_MANAGER);

  /** Validates the manager. */
  public WriteOptions {
    Objects.requireNonNull(fieldManager, "fieldManager");
    Objects.requireNonNull(fieldValidation, "fieldValidation");
    if (fieldManager.isBlank() || fieldManager.length() > 128) {
      throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
    }
  }

  /**
   * Options with the server's default field validation ({@link FieldValidation#WARN}).
   *
   * @param dryRun run every server step but store nothing
   * @param fieldManager the field manager recorded in managedFields
   */
  public WriteOptions(boolean dryRun, String fieldManager) {
    this(dryRun, fieldManager, FieldValidation.WARN);
  }

  /**
   * Not a dry run, manager {@code gitopskit}, the server's default field validation.
   *
   * @return the defaults
   */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with dry-run set.
   *
   * @param value true for a server dry run
   * @return the new options
   */
  public WriteOptions withDryRun(boolean value) {
    return new WriteOptions(value, fieldManager, fieldValidation);
  }

  /**
   * A copy with another field manager.
   *
   * @param manager the manager name
   * @return the new options
   */
  public WriteOptions withFieldManager(String manager) {
    return new WriteOptions(dryRun, manager, fieldValidation);
  }

  /**
   * A copy with another field validation.
   *
   * @param value e.g. {@link FieldValidation#STRICT} to fail on unknown fields
   * @return the new options
   */
  public WriteOptions withFieldValidation(FieldValidation value) {
    return new WriteOptions(dryRun, fieldManager, value);
  }
}
