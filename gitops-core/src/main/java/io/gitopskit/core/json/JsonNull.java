package io.gitopskit.core.json;

/**
 * JSON {@code null}. All instances are equal; use {@link #INSTANCE}.
 *
 * @since 0.1
 */
public record JsonNull() implements JsonValue {

  /** The shared instance. */
  public static final JsonNull INSTANCE = new JsonNull();

  @Override
  public long contentHash() {
    return 0x2127599bf4325c37L;
  }

  @Override
  public String toString() {
    return "null";
  }
}
