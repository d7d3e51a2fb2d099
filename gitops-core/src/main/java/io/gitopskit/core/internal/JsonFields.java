package io.gitopskit.core.internal;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writing Go-style {@code omitempty} fields into a JSON object builder: empty strings and
 * lists, false booleans and null pointers are left out. Not API.
 */
public final class JsonFields {

  private JsonFields() {}

  /**
   * Puts a string unless empty.
   *
   * @param b the builder
   * @param key the field
   * @param value the value
   */
  public static void putIfSet(JsonObject.Builder b, String key, String value) {
    if (!value.isEmpty()) {
      b.put(key, value);
    }
  }

  /**
   * Puts a list of strings unless empty.
   *
   * @param b the builder
   * @param key the field
   * @param values the values
   */
  public static void putIfSet(JsonObject.Builder b, String key, List<String> values) {
    if (!values.isEmpty()) {
      b.put(key, strings(values));
    }
  }

  /**
   * Puts a map of strings unless empty.
   *
   * @param b the builder
   * @param key the field
   * @param values the map
   */
  public static void putIfSet(JsonObject.Builder b, String key, Map<String, String> values) {
    if (!values.isEmpty()) {
      b.put(key, stringMap(values));
    }
  }

  /**
   * Puts {@code true} when true.
   *
   * @param b the builder
   * @param key the field
   * @param value the flag
   */
  public static void putIfTrue(JsonObject.Builder b, String key, boolean value) {
    if (value) {
      b.put(key, JsonBoolean.TRUE);
    }
  }

  /**
   * Puts a pointer boolean unless null.
   *
   * @param b the builder
   * @param key the field
   * @param value the flag or null
   */
  public static void putIfNotNull(JsonObject.Builder b, String key, @Nullable Boolean value) {
    if (value != null) {
      b.put(key, JsonBoolean.of(value));
    }
  }

  /**
   * A list of strings as a JSON array.
   *
   * @param values the strings
   * @return the array
   */
  public static JsonArray strings(List<String> values) {
    JsonArray.Builder a = JsonArray.builder();
    values.forEach(v -> a.add(new JsonString(v)));
    return a.build();
  }

  /**
   * A map of strings as a JSON object.
   *
   * @param map the map
   * @return the object
   */
  public static JsonObject stringMap(Map<String, String> map) {
    JsonObject.Builder b = JsonObject.builder();
    map.forEach(b::put);
    return b.build();
  }
}
