package io.gitopskit.core.json;

/**
 * Thrown by {@link JsonObject.Builder#buildStrict()} when a field name occurs twice.
 *
 * @since 0.1
 */
public final class DuplicateKeyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the duplicated field name
   */
  public DuplicateKeyException(String key) {
    super("duplicate field \"" + key + "\"");
    this.key = key;
  }

  /**
   * The duplicated field name.
   *
   * @return the name
   */
  public String key() {
    return key;
  }
}
