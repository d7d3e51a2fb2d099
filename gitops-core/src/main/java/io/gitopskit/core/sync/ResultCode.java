package io.gitopskit.core.sync;

/**
 * The outcome of one resource in a sync.
 *
 * @since 0.1
 */
public enum ResultCode {
  /** Applied (or the hook created). */
  SYNCED("Synced"),
  /** The apply, hook or delete failed. */
  SYNC_FAILED("SyncFailed"),
  /** Deleted. */
  PRUNED("Pruned"),
  /** Left in place although no longer desired. */
  PRUNE_SKIPPED("PruneSkipped");

  private final String wireName;

  ResultCode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The Argo CD spelling, e.g. {@code SyncFailed}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }
}
