package io.gitopskit.core.source;

import java.util.Objects;

/**
 * A source pinned to one exact revision.
 *
 * @param ref what was asked for
 * @param revision the exact revision read: a commit SHA for Git, a content digest
 *     ({@code sha256:...}) for a local directory
 * @param files the files of the application's path at that revision, relative to that path
 * @since 0.1
 */
public record ResolvedSource(SourceRef ref, String revision, FileTree files) {

  /** Validates the components. */
  public ResolvedSource {
    Objects.requireNonNull(ref, "ref");
    if (revision == null || revision.isBlank()) {
      throw new IllegalArgumentException("revision must not be blank");
    }
    Objects.requireNonNull(files, "files");
  }
}
