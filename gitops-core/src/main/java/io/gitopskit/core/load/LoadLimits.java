package io.gitopskit.core.load;

/**
 * Limits that keep hostile input from exhausting memory or time while loading. Every limit is
 * checked before or while parsing, and exceeding one fails the whole load with a {@link
 * LoadException} naming the file, position and limit.
 *
 * @param maxAliases YAML aliases ({@code *name}) allowed per document
 * @param maxNodes JSON nodes per document after alias expansion; stops "billion laughs" bombs
 *     whose few aliases expand to huge trees
 * @param maxDepth nesting depth of objects and arrays
 * @param maxDocumentBytes size of one YAML/JSON document, in characters
 * @param maxTotalBytes bytes read by one load call across all files (Argo CD caps a directory
 *     application at 10 MiB)
 * @since 0.1
 */
public record LoadLimits(int maxAliases, long maxNodes, int maxDepth, long maxDocumentBytes,
    long maxTotalBytes) {

  private static final LoadLimits DEFAULTS =
      new LoadLimits(100, 1_000_000, 128, 3L * 1024 * 1024, 10L * 1024 * 1024);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive (aliases may be 0)
   */
  public LoadLimits {
    if (maxAliases < 0 || maxNodes <= 0 || maxDepth <= 0 || maxDocumentBytes <= 0
        || maxTotalBytes <= 0) {
      throw new IllegalArgumentException("load limits must be positive (maxAliases may be 0)");
    }
  }

  /**
   * The defaults: 100 aliases and 1,000,000 nodes per document, depth 128, 3 MiB per document
   * (the API server's request limit), 10 MiB per load.
   *
   * @return the defaults
   */
  public static LoadLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another alias limit.
   *
   * @param value aliases per document, 0 to forbid aliases
   * @return the new limits
   */
  public LoadLimits withMaxAliases(int value) {
    return new LoadLimits(value, maxNodes, maxDepth, maxDocumentBytes, maxTotalBytes);
  }

  /**
   * A copy with another node limit.
   *
   * @param value nodes per document after alias expansion
   * @return the new limits
   */
  public LoadLimits withMaxNodes(long value) {
    return new LoadLimits(maxAliases, value, maxDepth, maxDocumentBytes, maxTotalBytes);
  }

  /**
   * A copy with another depth limit.
   *
   * @param value the nesting depth
   * @return the new limits
   */
  public LoadLimits withMaxDepth(int value) {
    return new LoadLimits(maxAliases, maxNodes, value, maxDocumentBytes, maxTotalBytes);
  }

  /**
   * A copy with another per-document size limit.
   *
   * @param value characters per document
   * @return the new limits
   */
  public LoadLimits withMaxDocumentBytes(long value) {
    return new LoadLimits(maxAliases, maxNodes, maxDepth, value, maxTotalBytes);
  }

  /**
   * A copy with another per-load size limit.
   *
   * @param value bytes per load call
   * @return the new limits
   */
  public LoadLimits withMaxTotalBytes(long value) {
    return new LoadLimits(maxAliases, maxNodes, maxDepth, maxDocumentBytes, value);
  }
}
