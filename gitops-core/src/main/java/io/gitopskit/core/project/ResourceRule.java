package io.gitopskit.core.project;

import java.util.Objects;

/**
 * One entry of a project's resource allow or deny list: Go {@code filepath.Match} patterns on
 * group and kind ({@code *} for any; {@code ""} is the core group) and, for cluster-scoped
 * lists and orphaned-resource ignores, on the name ({@code ""} matches every name).
 *
 * @param group the group pattern
 * @param kind the kind pattern
 * @param name the name pattern, {@code ""} for any
 * @since 0.1
 */
public record ResourceRule(String group, String kind, String name) {

  /** Checks for nulls. */
  public ResourceRule {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /**
   * A rule on group and kind only.
   *
   * @param group the group pattern
   * @param kind the kind pattern
   * @return the rule
   */
  public static ResourceRule of(String group, String kind) {
    return new ResourceRule(group, kind, "");
  }
}
