package io.gitopskit.git;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a target revision resolved to.
 *
 * @param requested the target revision as given ({@code ""} is reported as {@code HEAD})
 * @param kind how it was resolved
 * @param ref the full ref name that matched, e.g. {@code refs/tags/v1.4.0}; {@code ""} for a
 *     commit id
 * @param commit the full 40-character commit id every read is pinned to
 * @since 0.1
 */
public record ResolvedRevision(String requested, Kind kind, String ref, String commit) {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  /** How a target revision was matched. */
  public enum Kind {
    /** The remote's default branch ({@code HEAD} or empty). */
    HEAD,
    /** A branch name. */
    BRANCH,
    /** A tag name. */
    TAG,
    /** The highest tag satisfying a semver constraint. */
    SEMVER,
    /** A full or abbreviated commit id. */
    COMMIT,
    /** Another full ref name ({@code refs/...}). */
    REF
  }

  /** Validates the components. */
  public ResolvedRevision {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
    if (commit == null || !SHA.matcher(commit).matches()) {
      throw new IllegalArgumentException("commit must be a full lowercase SHA-1: " + commit);
    }
  }
}
