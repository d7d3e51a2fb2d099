package io.gitopskit.core.json;

import io.gitopskit.core.internal.Hashing;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON object whose fields are kept sorted by name.
 *
 * <p>Stored compactly as two parallel arrays (names and values), with lookups by binary search;
 * field names are interned by the loader. "Modifying" methods return a new object that shares
 * every unchanged value.
 *
 * @since 0.1
 */
public final class JsonObject implements JsonValue {

  private static final String[] NO_KEYS = new String[0];
  private static final JsonValue[] NO_VALUES = new JsonValue[0];
  private static final JsonObject EMPTY = new JsonObject(NO_KEYS, NO_VALUES);

  private final String[] keys;
  private final JsonValue[] values;
  /** Cached content hash; 0 means not yet computed (a benign race, as in String). */
  private long hash;

  private JsonObject(String[] keys, JsonValue[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * The empty object.
   *
   * @return the shared empty object
   */
  public static JsonObject empty() {
    return EMPTY;
  }

  /**
   * A builder for a new object.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder(8);
  }

  /**
   * An object with the given fields.
   *
   * @param fields the fields; keys and values must not be null
   * @return the object
   */
  public static JsonObject of(Map<String, ? extends JsonValue> fields) {
    Builder b = new Builder(fields.size());
    fields.forEach(b::put);
    return b.build();
  }

  /**
   * An object with one field.
   *
   * @param key the field name
   * @param value the field value
   * @return the object
   */
  public static JsonObject of(String key, JsonValue value) {
    return new JsonObject(new String[] {Objects.requireNonNull(key, "key")},
        new JsonValue[] {Objects.requireNonNull(value, "value")});
  }

  /**
   * The number of fields.
   *
   * @return the field count
   */
  public int size() {
    return keys.length;
  }

  /**
   * Whether this object has no fields.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /**
   * The field names in sorted order.
   *
   * @return an unmodifiable list view
   */
  public List<String> keys() {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return keys[index];
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  /**
   * The field name at a position in sorted order.
   *
   * @param index the position, from 0 to {@code size() - 1}
   * @return the name
   * @throws IndexOutOfBoundsException for a bad index
   */
  public String keyAt(int index) {
    return keys[index];
  }

  /**
   * The field value at a position in sorted order.
   *
   * @param index the position, from 0 to {@code size() - 1}
   * @return the value
   * @throws IndexOutOfBoundsException for a bad index
   */
  public JsonValue valueAt(int index) {
    return values[index];
  }

  /**
   * The value of a field.
   *
   * @param key the field name
   * @return the value, or empty when the field is absent
   */
  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(getOrNull(key));
  }

  /**
   * The value of a field, or {@code null} when absent; for hot paths that avoid {@link Optional}.
   *
   * @param key the field name
   * @return the value or null
   */
  public @Nullable JsonValue getOrNull(String key) {
    int i = indexOf(key);
    return i >= 0 ? values[i] : null;
  }

  /**
   * The value of a field when it is a string.
   *
   * @param key the field name
   * @return the string, or empty when absent or not a string
   */
  public Optional<String> getString(String key) {
    return getOrNull(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  /**
   * The value of a field when it is an object.
   *
   * @param key the field name
   * @return the object, or empty when absent or not an object
   */
  public Optional<JsonObject> getObject(String key) {
    return getOrNull(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /**
   * The value of a field when it is an array.
   *
   * @param key the field name
   * @return the array, or empty when absent or not an array
   */
  public Optional<JsonArray> getArray(String key) {
    return getOrNull(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
  }

  /**
   * Whether a field is present (even when its value is JSON null).
   *
   * @param key the field name
   * @return true when present
   */
  public boolean has(String key) {
    return indexOf(key) >= 0;
  }

  /**
   * A copy with a field set (added or replaced).
   *
   * @param key the field name
   * @param value the new value
   * @return the new object, or this one when the value is already equal
   */
  public JsonObject with(String key, JsonValue value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int i = indexOf(key);
    if (i >= 0) {
      if (values[i].equals(value)) {
        return this;
      }
      JsonValue[] v = values.clone();
      v[i] = value;
      return new JsonObject(keys, v);
    }
    int at = -i - 1;
    String[] k = new String[keys.length + 1];
    JsonValue[] v = new JsonValue[keys.length + 1];
    System.arraycopy(keys, 0, k, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    k[at] = key;
    v[at] = value;
    System.arraycopy(keys, at, k, at + 1, keys.length - at);
    System.arraycopy(values, at, v, at + 1, keys.length - at);
    return new JsonObject(k, v);
  }

  /**
   * A copy without a field.
   *
   * @param key the field name
   * @return the new object, or this one when the field is absent
   */
  public JsonObject without(String key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    if (keys.length == 1) {
      return EMPTY;
    }
    String[] k = new String[keys.length - 1];
    JsonValue[] v = new JsonValue[keys.length - 1];
    System.arraycopy(keys, 0, k, 0, i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
    System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
    return new JsonObject(k, v);
  }

  /**
   * A builder holding this object's fields, to make a modified copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(keys.length + 4);
    for (int i = 0; i < keys.length; i++) {
      b.put(keys[i], values[i]);
    }
    return b;
  }

  /**
   * The fields as an unmodifiable map view in sorted key order.
   *
   * @return the map view
   */
  public Map<String, JsonValue> asMap() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, JsonValue>> iterator() {
            return new Iterator<>() {
              private int next;

              @Override
              public boolean hasNext() {
                return next < keys.length;
              }

              @Override
              public Entry<String, JsonValue> next() {
                if (next >= keys.length) {
                  throw new NoSuchElementException();
                }
                int i = next++;
                return new SimpleImmutableEntry<>(keys[i], values[i]);
              }
            };
          }

          @Override
          public int size() {
            return keys.length;
          }
        };
      }

      @Override
      public @Nullable JsonValue get(Object key) {
        return key instanceof String s ? getOrNull(s) : null;
      }

      @Override
      public boolean containsKey(Object key) {
        return key instanceof String s && has(s);
      }
    };
  }

  @Override
  public long contentHash() {
    long cached = hash;
    if (cached == 0) {
      long h = 0x4f1bbcdcbfa53e0bL ^ keys.length;
      for (int i = 0; i < keys.length; i++) {
        h = Hashing.combine(h, Hashing.string(keys[i]));
        h = Hashing.combine(h, values[i].contentHash());
      }
      cached = Hashing.finish(h);
      hash = cached;
    }
    return cached;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JsonObject other) || other.keys.length != keys.length) {
      return false;
    }
    if (hash != 0 && other.hash != 0 && hash != other.hash) {
      return false;
    }
    return Arrays.equals(keys, other.keys) && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(contentHash());
  }

  @Override
  public String toString() {
    return toJson();
  }

  private int indexOf(String key) {
    String[] k = keys;
    if (k.length <= 8) {
      for (int i = 0; i < k.length; i++) {
        int c = k[i].compareTo(key);
        if (c == 0) {
          return i;
        }
        if (c > 0) {
          return -i - 1;
        }
      }
      return -k.length - 1;
    }
    return Arrays.binarySearch(k, key);
  }

  /**
   * Collects fields for a new {@link JsonObject}. A later {@link #put} of the same name replaces
   * the earlier value. Not thread-safe; single use.
   *
   * @since 0.1
   */
  public static final class Builder {

    private String[] keys;
    private JsonValue[] values;
    private int size;
    private boolean built;

    private Builder(int capacity) {
      keys = new String[Math.max(capacity, 2)];
      values = new JsonValue[Math.max(capacity, 2)];
    }

    /**
     * Sets a field.
     *
     * @param key the field name
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if {@link #build()} was already called
     */
    public Builder put(String key, JsonValue value) {
      if (built) {
        throw new IllegalStateException("builder was already built");
      }
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
      return this;
    }

    /**
     * Sets a field to a string.
     *
     * @param key the field name
     * @param value the string
     * @return this builder
     */
    public Builder put(String key, String value) {
      return put(key, JsonString.of(value));
    }

    /**
     * Whether a field was put.
     *
     * @param key the field name
     * @return true if present
     */
    public boolean has(String key) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The number of fields put so far (duplicates counted).
     *
     * @return the count
     */
    public int size() {
      return size;
    }

    /**
     * Builds the object; later values win over earlier ones of the same name.
     *
     * @return the object
     */
    public JsonObject build() {
      return finish(false);
    }

    /**
     * Builds the object, refusing duplicate names (as YAML and strict JSON loading require).
     *
     * @return the object
     * @throws DuplicateKeyException naming the first duplicated field
     */
    public JsonObject buildStrict() {
      return finish(true);
    }

    private JsonObject finish(boolean strict) {
      if (built) {
        throw new IllegalStateException("builder was already built");
      }
      built = true;
      if (size == 0) {
        return EMPTY;
      }
      String[] k = size == keys.length ? keys : Arrays.copyOf(keys, size);
      JsonValue[] v = size == values.length ? values : Arrays.copyOf(values, size);
      sort(k, v);
      int n = k.length;
      int w = 0;
      for (int r = 0; r < n; r++) {
        if (w > 0 && k[w - 1].equals(k[r])) {
          if (strict) {
            throw new DuplicateKeyException(k[r]);
          }
          v[w - 1] = v[r];
          continue;
        }
        k[w] = k[r];
        v[w] = v[r];
        w++;
      }
      if (w != n) {
        k = Arrays.copyOf(k, w);
        v = Arrays.copyOf(v, w);
      }
      return new JsonObject(k, v);
    }

    /** Stable sort of parallel arrays by key: insertion sort when small, merge by index else. */
    private static void sort(String[] k, JsonValue[] v) {
      int n = k.length;
      if (n <= 24) {
        for (int i = 1; i < n; i++) {
          String key = k[i];
          JsonValue val = v[i];
          int j = i - 1;
          while (j >= 0 && k[j].compareTo(key) > 0) {
            k[j + 1] = k[j];
            v[j + 1] = v[j];
            j--;
          }
          k[j + 1] = key;
          v[j + 1] = val;
        }
        return;
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> k[a].compareTo(k[b]));
      String[] k2 = k.clone();
      JsonValue[] v2 = v.clone();
      for (int i = 0; i < n; i++) {
        k[i] = k2[order[i]];
        v[i] = v2[order[i]];
      }
    }
  }
}
