package io.gitopskit.core.source;

import java.util.Objects;

/**
 * Where an application's manifests live, as Argo CD's {@code spec.source} names them.
 *
 * @param repoUrl the repository: a Git URL, or for {@link LocalDirectorySource} a directory
 *     path or {@code file:} URL
 * @param path the directory inside the repository, relative; {@code ""} or {@code "."} for the
 *     root
 * @param targetRevision the revision to read (branch, tag, commit, {@code HEAD}); sources
 *     without history accept only {@code HEAD} or {@code ""}
 * @since 0.1
 */
public record SourceRef(String repoUrl, String path, String targetRevision) {

  /** Validates the components. */
  public SourceRef {
    if (repoUrl == null || repoUrl.isBlank()) {
      throw new IllegalArgumentException("repoUrl must not be blank");
    }
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(targetRevision, "targetRevision");
  }

  /**
   * A reference to a path at {@code HEAD}.
   *
   * @param repoUrl the repository
   * @param path the directory inside it
   * @return the reference
   */
  public static SourceRef of(String repoUrl, String path) {
    return new SourceRef(repoUrl, path, "HEAD");
  }
}
