package io.gitopskit.git.changes;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The files that differ between two commits: added, modified, deleted, or whose mode changed
 * (a rename counts as its old and its new path).
 *
 * @param repoUrl the repository (without password)
 * @param from the older commit id
 * @param to the newer commit id
 * @param paths the changed paths from the repository root, sorted, unique
 * @since 0.1
 */
public record ChangeSet(String repoUrl, String from, String to, List<String> paths) {

  /** Validates the components and sorts the paths. */
  public ChangeSet {
    Objects.requireNonNull(repoUrl, "repoUrl");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    paths = List.copyOf(new TreeSet<>(paths));
  }

  /**
   * Whether nothing changed.
   *
   * @return true when no path differs
   */
  public boolean isEmpty() {
    return paths.isEmpty();
  }
}
