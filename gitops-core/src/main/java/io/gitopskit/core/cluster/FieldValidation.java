package io.gitopskit.core.cluster;

/**
 * How the server treats fields of a written object that its schema does not declare (the
 * {@code fieldValidation} query parameter of Kubernetes 1.27+; {@code kubectl --validate}).
 *
 * @since 0.1
 */
public enum FieldValidation {
  /** Fail the request, naming every unknown field ({@code kubectl --validate=strict}). */
  STRICT("Strict"),
  /** Accept the request and warn about unknown fields: the server's default. */
  WARN("Warn"),
  /** Accept the request silently ({@code kubectl --validate=false}). */
  IGNORE("Ignore");

  private final String wireName;

  FieldValidation(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The Kubernetes spelling of the query parameter value, e.g. {@code Strict}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }
}
