package io.gitopskit.testkit.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A commit of a {@link TestGitRepo}, as read back from the repository.
 *
 * @param sha the full 40-character lowercase hexadecimal commit id
 * @param message the full message as stored (Git's whitespace cleanup applied, so it ends in a
 *     newline)
 * @param author the author
 * @param committer the committer
 * @param time the author time, to the second
 * @param parents the parent commit ids, first parent first; empty for a root commit
 * @since 0.1
 */
public record Commit(
    String sha,
    String message,
    Identity author,
    Identity committer,
    Instant time,
    List<String> parents) {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  /** Validates the components and copies the parents. */
  public Commit {
    requireSha(sha);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(committer, "committer");
    Objects.requireNonNull(time, "time");
    parents = List.copyOf(parents);
    parents.forEach(Commit::requireSha);
  }

  private static void requireSha(String sha) {
    Objects.requireNonNull(sha, "sha");
    if (!SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException("not a full lowercase SHA-1: \"" + sha + "\"");
    }
  }

  /**
   * The abbreviated id Git shows by default.
   *
   * @return the first seven characters of {@link #sha()}
   */
  public String shortSha() {
    return sha.substring(0, 7);
  }

  /**
   * The first line of the message, as {@code git log --format=%s} shows it for single-line
   * subjects.
   *
   * @return the subject, without its line end
   */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
