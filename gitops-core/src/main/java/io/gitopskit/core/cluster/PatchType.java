package io.gitopskit.core.cluster;

/**
 * The patch formats a {@link ClusterTarget} accepts.
 *
 * @since 0.1
 */
public enum PatchType {
  /** RFC 7386 JSON merge patch ({@code application/merge-patch+json}). */
  JSON_MERGE("application/merge-patch+json"),
  /** RFC 6902 JSON patch, a list of operations ({@code application/json-patch+json}). */
  JSON_PATCH("application/json-patch+json"),
  /** Kubernetes strategic merge patch, using list merge keys of built-in types. */
  STRATEGIC_MERGE("application/strategic-merge-patch+json");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /**
   * The HTTP content type of this patch format.
   *
   * @return the content type
   */
  public String contentType() {
    return contentType;
  }
}
