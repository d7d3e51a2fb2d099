package io.gitopskit.core.sync;

import java.util.Optional;

/**
 * The phases of a sync, in the order they run. {@link #SYNC_FAIL} runs only when an earlier
 * phase failed, so a {@link SyncPlan} lists its hooks apart from the ordered steps. The
 * deletion of an application ({@link DeletionPlan}) runs {@link #PRE_DELETE}, then its resource
 * deletions (reported in {@link #SYNC}), then {@link #POST_DELETE}.
 *
 * @since 0.1
 */
public enum SyncPhase {
  /** Hooks that run before any resource is applied. */
  PRE_SYNC("PreSync"),
  /** Every ordinary resource, and {@code Sync} hooks. */
  SYNC("Sync"),
  /** Hooks that run after every resource of the sync phase is healthy. */
  POST_SYNC("PostSync"),
  /** Hooks that run only when the sync failed. */
  SYNC_FAIL("SyncFail"),
  /**
   * Hooks that run when the application is deleted, before any resource is deleted (not a sync
   * phase: only a {@link DeletionPlan} has it).
   */
  PRE_DELETE("PreDelete"),
  /**
   * Hooks that run when the application is deleted, after every resource is gone (not a sync
   * phase: only a {@link DeletionPlan} has it).
   */
  POST_DELETE("PostDelete");

  private final String wireName;

  SyncPhase(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The Argo CD spelling, e.g. {@code PreSync}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether this phase runs in the normal course of a sync (neither {@link #SYNC_FAIL} nor a
   * deletion phase).
   *
   * @return true for PreSync, Sync and PostSync
   */
  public boolean isRegular() {
    return this == PRE_SYNC || this == SYNC || this == POST_SYNC;
  }

  /**
   * Parses the Argo CD spelling, exactly as written.
   *
   * @param name e.g. {@code PostSync}
   * @return the phase, or empty for an unknown name
   */
  public static Optional<SyncPhase> parse(String name) {
    for (SyncPhase p : values()) {
      if (p.wireName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
