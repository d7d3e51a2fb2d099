package io.gitopskit.core.defaults;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Small functional edits of immutable JSON objects, in Go's "zero value means unset" terms.
 * Every method returns its input unchanged (the same instance) when there is nothing to do, so
 * callers can test for change by identity.
 */
final class Trees {

  private Trees() {}

  /** Absent or JSON null: a nil pointer, map or slice in Go. */
  static boolean isUnset(@Nullable JsonValue v) {
    return v == null || v instanceof JsonNull;
  }

  /** Absent, null or {@code ""}: Go's empty string. */
  static boolean isEmptyString(@Nullable JsonValue v) {
    return isUnset(v) || (v instanceof JsonString s && s.value().isEmpty());
  }

  /** Absent, null or numerically zero: Go's zero integer. */
  static boolean isZero(@Nullable JsonValue v) {
    return isUnset(v) || (v instanceof JsonNumber n && n.decimalValue().signum() == 0);
  }

  /** Absent, null, or an empty object or array: Go's {@code len(x) == 0}. */
  static boolean isEmpty(@Nullable JsonValue v) {
    return isUnset(v) || (v instanceof JsonObject o && o.isEmpty())
        || (v instanceof JsonArray a && a.isEmpty());
  }

  static JsonNumber num(long v) {
    return JsonNumber.of(v);
  }

  static JsonString str(String v) {
    return JsonString.of(v);
  }

  static JsonBoolean bool(boolean v) {
    return JsonBoolean.of(v);
  }

  /** The field as a string, or {@code ""} when absent or not a string. */
  static String string(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? s.value() : "";
  }

  /** The field as an object, or null when absent or not an object. */
  static @Nullable JsonObject object(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonObject x ? x : null;
  }

  /** The field as an object, or the empty object. */
  static JsonObject objectOrEmpty(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonObject x ? x : JsonObject.empty();
  }

  /** Whether the field is the boolean {@code true}. */
  static boolean isTrue(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonBoolean b && b.value();
  }

  /** Sets the field when it is unset (absent or null). */
  static JsonObject defaultValue(JsonObject o, String key, JsonValue value) {
    return isUnset(o.getOrNull(key)) ? o.with(key, value) : o;
  }

  /** Sets the field when it is unset. */
  static JsonObject defaultValue(JsonObject o, String key, long value) {
    return defaultValue(o, key, num(value));
  }

  /** Sets the field when it is unset. */
  static JsonObject defaultValue(JsonObject o, String key, boolean value) {
    return defaultValue(o, key, bool(value));
  }

  /** Sets the field when it is unset or {@code ""}. */
  static JsonObject defaultString(JsonObject o, String key, String value) {
    return isEmptyString(o.getOrNull(key)) ? o.with(key, str(value)) : o;
  }

  /** Sets the field when it is unset or 0. */
  static JsonObject defaultNonZero(JsonObject o, String key, long value) {
    return isZero(o.getOrNull(key)) ? o.with(key, num(value)) : o;
  }

  /** Transforms the field when it is an object; leaves anything else alone. */
  static JsonObject editObject(JsonObject o, String key, UnaryOperator<JsonObject> f) {
    if (!(o.getOrNull(key) instanceof JsonObject x)) {
      return o;
    }
    JsonObject y = f.apply(x);
    return y == x ? o : o.with(key, y);
  }

  /**
   * Transforms the field when it is an object, starting from {@code {}} when it is unset (a Go
   * struct that is always serialized); leaves other types alone.
   */
  static JsonObject editStruct(JsonObject o, String key, UnaryOperator<JsonObject> f) {
    JsonValue v = o.getOrNull(key);
    if (v instanceof JsonObject x) {
      JsonObject y = f.apply(x);
      return y == x ? o : o.with(key, y);
    }
    if (isUnset(v)) {
      return o.with(key, f.apply(JsonObject.empty()));
    }
    return o;
  }

  /** Transforms every object element of an array field; other elements are kept. */
  static JsonObject editEach(JsonObject o, String key, UnaryOperator<JsonObject> f) {
    if (!(o.getOrNull(key) instanceof JsonArray a)) {
      return o;
    }
    JsonArray b = mapObjects(a, f);
    return b == a ? o : o.with(key, b);
  }

  /** Transforms every object element of an array; returns the same array when none changed. */
  static JsonArray mapObjects(JsonArray a, UnaryOperator<JsonObject> f) {
    List<JsonValue> out = null;
    for (int i = 0; i < a.size(); i++) {
      JsonValue v = a.get(i);
      JsonValue w = v instanceof JsonObject x ? f.apply(x) : v;
      if (w != v && out == null) {
        out = new ArrayList<>(a.items().subList(0, i));
      }
      if (out != null) {
        out.add(w);
      }
    }
    return out == null ? a : JsonArray.of(out);
  }

  /** The strings of an array field, skipping non-strings; empty when absent. */
  static List<String> strings(JsonObject o, String key) {
    if (!(o.getOrNull(key) instanceof JsonArray a)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue v : a.items()) {
      if (v instanceof JsonString s) {
        out.add(s.value());
      }
    }
    return out;
  }

  /** An array of strings. */
  static JsonArray strings(List<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    for (String s : values) {
      b.add(str(s));
    }
    return b.build();
  }
}
