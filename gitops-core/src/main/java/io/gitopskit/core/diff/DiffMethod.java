package io.gitopskit.core.diff;

/**
 * Which path a {@link Differ} took for one object: the outcome of the decision flow.
 *
 * @since 0.1
 */
public enum DiffMethod {

  /** No live object: the desired object would be created. Always modified. */
  CREATE,

  /**
   * No desired object: the live object is not a difference; whether to prune it is the
   * planner's decision. Never modified.
   */
  LIVE_ONLY,

  /** Client-side three-way merge with live's last-applied configuration. */
  THREE_WAY,

  /** Client-side merge with the desired object standing in as its last-applied configuration. */
  TWO_WAY,

  /** Server-side apply computed locally from live's {@code managedFields}. */
  FIELD_OWNERSHIP,

  /** Server-side-apply dry run through a cluster. */
  SERVER_SIDE
}
