package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * Options of a create, update, patch or client-side apply.
 *
 * @param dryRun run every server step (defaulting, admission, validation) but store nothing
 * @param fieldManager the field manager recorded in managedFields
 * @since 0.1
 */
public record WriteOptions(boolean dryRun, String fieldManager) {

  /** The field manager GitOpsKit writes as unless told otherwise. */
  public static final String DEFAULT_MANAGER = "gitopskit";

  private static final WriteOptions DEFAULTS = new WriteOptions(false, DEFAULT_MANAGER);

  /** Validates the manager. */
  public WriteOptions {
    Objects.requireNonNull(fieldManager, "fieldManager");
    if (fieldManager.isBlank() || fieldManager.length() > 128) {
      throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
    }
  }

  /**
   * Not a dry run, manager {@code gitopskit}.
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
    return new WriteOptions(value, fieldManager);
  }

  /**
   * A copy with another field manager.
   *
   * @param manager the manager name
   * @return the new options
   */
  public WriteOptions withFieldManager(String manager) {
    return new WriteOptions(dryRun, manager);
  }
}
