package io.gitopskit.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * An API group and kind, e.g. {@code apps/Deployment}; the core group is the empty string.
 *
 * @param group the API group, {@code ""} for the core group
 * @param kind the kind, never blank
 * @since 0.1
 */
public record GroupKind(String group, String kind) implements Comparable<GroupKind> {

  private static final Comparator<GroupKind> ORDER =
      Comparator.comparing(GroupKind::group).thenComparing(GroupKind::kind);

  /** Validates the components. */
  public GroupKind {
    Objects.requireNonNull(group, "group");
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
  }

  /**
   * Returns a group kind.
   *
   * @param group the group, {@code ""} for core
   * @param kind the kind
   * @return the value
   */
  public static GroupKind of(String group, String kind) {
    return new GroupKind(group, kind);
  }

  @Override
  public int compareTo(GroupKind o) {
    return ORDER.compare(this, o);
  }

  /** {@code group/kind}, or just {@code kind} for the core group. */
  @Override
  public String toString() {
    return group.isEmpty() ? kind : group + "/" + kind;
  }
}
