package io.gitopskit.core.source;

/**
 * Resolves a source at a revision to a pinned, immutable file tree, reporting the exact revision
 * read, so every reconcile works on one known state.
 *
 * <p>Implementations must be thread-safe. A failure to read (network, permissions, missing
 * revision, unsafe content) is a {@link SourceException}, never an empty tree.
 *
 * @since 0.1
 */
public interface ManifestSource {

  /**
   * Resolves a source.
   *
   * @param ref the repository, path and revision
   * @return the exact revision and the files under the path
   * @throws SourceException if the source cannot be read completely and safely
   */
  ResolvedSource resolve(SourceRef ref);
}
