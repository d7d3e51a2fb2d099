package io.gitopskit.git;

import io.gitopskit.git.internal.Redaction;
import java.util.List;
import java.util.Objects;

/**
 * A commit for {@link GitWriter#commit}: file changes on a branch, with the caller's message,
 * author and committer.
 *
 * @param repoUrl the repository URL
 * @param branch the branch to commit on (must exist)
 * @param changes the file changes, applied in order
 * @param message the commit message
 * @param author the author
 * @param committer the committer
 * @since 0.1
 */
public record CommitRequest(String repoUrl, String branch, List<FileChange> changes,
    String message, GitIdentity author, GitIdentity committer) {

  /** Validates the components and copies the changes. */
  public CommitRequest {
    if (repoUrl == null || repoUrl.isBlank()) {
      throw new IllegalArgumentException("repoUrl must not be blank");
    }
    if (branch == null || branch.isBlank() || branch.startsWith("refs/")) {
      throw new IllegalArgumentException("branch must be a short branch name, got " + branch);
    }
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a commit needs at least one change");
    }
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(committer, "committer");
  }

  /**
   * The request with the URL's password or token masked and the changes as paths (no file
   * contents).
   *
   * @return a secret-free description
   */
  @Override
  public String toString() {
    return "CommitRequest[repoUrl=" + Redaction.url(repoUrl) + ", branch=" + branch
        + ", changes=" + changes + ", message=" + message + ", author=" + author
        + ", committer=" + committer + "]";
  }
}
