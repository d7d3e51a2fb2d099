package io.gitopskit.git;

import java.util.Objects;

/**
 * What a {@link GitWriter} commit or revert did.
 *
 * @param branch the branch
 * @param commit the new head of the branch (equal to {@code parent} when nothing changed)
 * @param parent the head the commit was built on
 * @param changed false when the changes left the tree as it was (nothing was pushed)
 * @param attempts how many pushes it took (more than 1 when the remote moved meanwhile)
 * @since 0.1
 */
public record CommitResult(String branch, String commit, String parent, boolean changed,
    int attempts) {

  /** Validates the components. */
  public CommitResult {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(parent, "parent");
  }
}
