package io.gitopskit.core.appset;

import java.util.Optional;

/**
 * What the ApplicationSet controller may do to the applications it owns ({@code
 * syncPolicy.applicationsSync} or the controller-wide {@code --policy}).
 *
 * @since 0.1
 */
public enum ApplicationsSyncPolicy {
  /** Create only. */
  CREATE_ONLY("create-only", false, false),
  /** Create and update, never delete. */
  CREATE_UPDATE("create-update", true, false),
  /** Create and delete, never update. */
  CREATE_DELETE("create-delete", false, true),
  /** Create, update and delete (the default). */
  SYNC("sync", true, true);

  private final String text;
  private final boolean update;
  private final boolean delete;

  ApplicationsSyncPolicy(String text, boolean update, boolean delete) {
    this.text = text;
    this.update = update;
    this.delete = delete;
  }

  /**
   * The Argo CD spelling.
   *
   * @return e.g. {@code create-only}
   */
  public String text() {
    return text;
  }

  /**
   * Whether existing applications may be updated.
   *
   * @return true when allowed
   */
  public boolean allowsUpdate() {
    return update;
  }

  /**
   * Whether applications no longer generated may be deleted.
   *
   * @return true when allowed
   */
  public boolean allowsDelete() {
    return delete;
  }

  /**
   * Parses the Argo CD spelling.
   *
   * @param text e.g. {@code create-update}
   * @return the policy, or empty when unknown
   */
  public static Optional<ApplicationsSyncPolicy> parse(String text) {
    for (ApplicationsSyncPolicy p : values()) {
      if (p.text.equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
