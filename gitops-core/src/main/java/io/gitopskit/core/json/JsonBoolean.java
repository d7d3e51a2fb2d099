package io.gitopskit.core.json;

/**
 * A JSON boolean.
 *
 * @param value the boolean
 * @since 0.1
 */
public record JsonBoolean(boolean value) implements JsonValue {

  /** JSON {@code true}. */
  public static final JsonBoolean TRUE = new JsonBoolean(true);

  /** JSON {@code false}. */
  public static final JsonBoolean FALSE = new JsonBoolean(false);

  /**
   * Returns the shared instance for a boolean.
   *
   * @param value the boolean
   * @return {@link #TRUE} or {@link #FALSE}
   */
  public static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  @Override
  public long contentHash() {
    return value ? 0x5bd1e9955bd1e995L : 0x1b873593cc9e2d51L;
  }

  @Override
  public String toString() {
    return Boolean.toString(value);
  }
}
