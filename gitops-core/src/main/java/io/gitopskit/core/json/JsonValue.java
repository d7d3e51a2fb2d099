package io.gitopskit.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One immutable JSON value: an object, array, string, number, boolean or null.
 *
 * <p>The set of cases is closed, so code that inspects a value can handle every case:
 *
 * <pre>{@code
 * if (v instanceof JsonObject o) { ... } else if (v instanceof JsonArray a) { ... }
 * else if (v instanceof JsonString s) { ... } // JsonNumber, JsonBoolean, JsonNull
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /**
   * A 64-bit hash of this value's content. Equal values have equal hashes; different hashes
   * prove different content. Containers compute it once and cache it.
   *
   * @return the content hash
   */
  long contentHash();

  /**
   * The compact JSON text of this value, with object fields in sorted order.
   *
   * @return JSON text, deterministic for equal values
   */
  default String toJson() {
    return JsonText.compact(this);
  }

  /**
   * The JSON text of this value indented by two spaces, with object fields in sorted order.
   *
   * @return indented JSON text, deterministic for equal values
   */
  default String toPrettyJson() {
    return JsonText.pretty(this);
  }

  /**
   * Converts plain Java data to a JSON value: {@code null}, {@link JsonValue}, {@link
   * CharSequence}, {@link Boolean}, {@link Number} (integers and decimals), {@link Map} with
   * string keys, and {@link Collection} / arrays of the same, recursively.
   *
   * @param value the Java value
   * @return the equivalent JSON value
   * @throws IllegalArgumentException for any other type, a non-string map key, or a non-finite
   *     floating-point number
   */
  static JsonValue of(@Nullable Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonValue v) {
      return v;
    }
    if (value instanceof CharSequence s) {
      return JsonString.of(s.toString());
    }
    if (value instanceof Boolean b) {
      return JsonBoolean.of(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return JsonNumber.of(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return JsonNumber.of(new BigDecimal(i));
    }
    if (value instanceof BigDecimal d) {
      return JsonNumber.of(d);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent the number " + d);
      }
      return JsonNumber.of(BigDecimal.valueOf(d));
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject.Builder b = JsonObject.builder();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        b.put(key, of(e.getValue()));
      }
      return b.build();
    }
    if (value instanceof Collection<?> c) {
      JsonArray.Builder b = JsonArray.builder();
      for (Object o : c) {
        b.add(of(o));
      }
      return b.build();
    }
    if (value instanceof Object[] array) {
      JsonArray.Builder b = JsonArray.builder();
      for (Object o : array) {
        b.add(of(o));
      }
      return b.build();
    }
    throw new IllegalArgumentException(
        "cannot convert " + value.getClass().getName() + " to a JSON value");
  }
}
