package io.gitopskit.core.cluster;

/**
 * How a delete treats the object's dependents (objects whose {@code ownerReferences} name it).
 *
 * @since 0.1
 */
public enum PropagationPolicy {
  /** Dependents are deleted first; the owner disappears after them. */
  FOREGROUND("Foreground"),
  /** The owner is deleted at once; dependents are garbage-collected afterwards. */
  BACKGROUND("Background"),
  /** Dependents are kept, with their owner reference removed. */
  ORPHAN("Orphan");

  private final String wireName;

  PropagationPolicy(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The Kubernetes spelling, e.g. {@code Foreground}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the Kubernetes spelling, case-insensitively.
   *
   * @param name e.g. {@code background}
   * @return the policy
   * @throws IllegalArgumentException for an unknown name
   */
  public static PropagationPolicy parse(String name) {
    for (PropagationPolicy p : values()) {
      if (p.wireName.equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown propagation policy \"" + name
        + "\" (expected Foreground, Background or Orphan)");
  }
}
