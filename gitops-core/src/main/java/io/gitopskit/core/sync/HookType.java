package io.gitopskit.core.sync;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value of the {@code argocd.argoproj.io/hook} annotation (or a Helm hook mapped onto one).
 *
 * @since 0.1
 */
public enum HookType {
  /** Runs in {@link SyncPhase#PRE_SYNC}. */
  PRE_SYNC("PreSync", SyncPhase.PRE_SYNC),
  /** Runs in {@link SyncPhase#SYNC}, with the ordinary resources. */
  SYNC("Sync", SyncPhase.SYNC),
  /** Runs in {@link SyncPhase#POST_SYNC}. */
  POST_SYNC("PostSync", SyncPhase.POST_SYNC),
  /** Runs in {@link SyncPhase#SYNC_FAIL}. */
  SYNC_FAIL("SyncFail", SyncPhase.SYNC_FAIL),
  /** Alone, means "never apply this object"; combined with other types it is ignored. */
  SKIP("Skip", null),
  /**
   * Runs in {@link SyncPhase#PRE_DELETE} when the application is deleted, before any of its
   * resources; never during a sync.
   */
  PRE_DELETE("PreDelete", SyncPhase.PRE_DELETE),
  /**
   * Runs in {@link SyncPhase#POST_DELETE} when the application is deleted, after all of its
   * resources are gone; never during a sync.
   */
  POST_DELETE("PostDelete", SyncPhase.POST_DELETE);

  private final String wireName;
  private final @Nullable SyncPhase phase;

  HookType(String wireName, @Nullable SyncPhase phase) {
    this.wireName = wireName;
    this.phase = phase;
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
   * The phase a hook of this type runs in.
   *
   * @return the phase; empty for {@link #SKIP}
   */
  public Optional<SyncPhase> phase() {
    return Optional.ofNullable(phase);
  }

  /**
   * Whether hooks of this type run when an application is deleted ({@link DeletionPlanner})
   * rather than during a sync.
   *
   * @return true for PreDelete and PostDelete
   */
  public boolean isDeletionHook() {
    return this == PRE_DELETE || this == POST_DELETE;
  }

  /**
   * Parses an Argo CD hook type, exactly as written (surrounding blanks are trimmed).
   *
   * @param text e.g. {@code PostSync}
   * @return the type, or empty for an unknown value
   */
  public static Optional<HookType> parse(String text) {
    String t = text.trim();
    for (HookType h : values()) {
      if (h.wireName.equals(t)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /**
   * Maps a Helm hook ({@code helm.sh/hook}) onto an Argo CD type: {@code pre-install} and
   * {@code pre-upgrade} to PreSync, {@code post-install} and {@code post-upgrade} to PostSync.
   *
   * @param text e.g. {@code pre-upgrade}
   * @return the type, or empty for any other Helm hook (test, delete, rollback, crd-install)
   */
  public static Optional<HookType> parseHelm(String text) {
    switch (text.trim()) {
      case "pre-install":
      case "pre-upgrade":
        return Optional.of(PRE_SYNC);
      case "post-install":
      case "post-upgrade":
        return Optional.of(POST_SYNC);
      default:
        return Optional.empty();
    }
  }
}
