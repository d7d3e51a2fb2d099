package io.gitopskit.core.json;

import io.gitopskit.core.internal.Hashing;
import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the string, never null
 * @since 0.1
 */
public record JsonString(String value) implements JsonValue {

  private static final JsonString EMPTY = new JsonString("");

  /** Validates the value. */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Returns a JSON string.
   *
   * @param value the string
   * @return the JSON string
   */
  public static JsonString of(String value) {
    return value.isEmpty() ? EMPTY : new JsonString(value);
  }

  @Override
  public long contentHash() {
    return Hashing.string(value);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
