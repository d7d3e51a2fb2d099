package io.gitopskit.core.json;

import io.gitopskit.core.internal.Hashing;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable JSON array.
 *
 * @since 0.1
 */
public final class JsonArray implements JsonValue {

  private static final JsonValue[] NONE = new JsonValue[0];
  private static final JsonArray EMPTY = new JsonArray(NONE);

  private final JsonValue[] items;
  /** Cached content hash; 0 means not yet computed (a benign race, as in String). */
  private long hash;

  private JsonArray(JsonValue[] items) {
    this.items = items;
  }

  /**
   * The empty array.
   *
   * @return the shared empty array
   */
  public static JsonArray empty() {
    return EMPTY;
  }

  /**
   * A builder for a new array.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An array of the given items.
   *
   * @param items the items, none null
   * @return the array
   */
  public static JsonArray of(List<? extends JsonValue> items) {
    if (items.isEmpty()) {
      return EMPTY;
    }
    JsonValue[] copy = items.toArray(NONE);
    for (JsonValue v : copy) {
      Objects.requireNonNull(v, "item");
    }
    return new JsonArray(copy);
  }

  /**
   * An array of the given items.
   *
   * @param items the items, none null
   * @return the array
   */
  public static JsonArray of(JsonValue... items) {
    return of(Arrays.asList(items));
  }

  /**
   * The number of items.
   *
   * @return the item count
   */
  public int size() {
    return items.length;
  }

  /**
   * Whether the array has no items.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return items.length == 0;
  }

  /**
   * The item at a position.
   *
   * @param index the position
   * @return the item
   * @throws IndexOutOfBoundsException for a bad index
   */
  public JsonValue get(int index) {
    return items[index];
  }

  /**
   * The items.
   *
   * @return an unmodifiable list view
   */
  public List<JsonValue> items() {
    return new AbstractList<>() {
      @Override
      public JsonValue get(int index) {
        return items[index];
      }

      @Override
      public int size() {
        return items.length;
      }
    };
  }

  /**
   * A copy with the item at a position replaced.
   *
   * @param index the position
   * @param value the new item
   * @return the new array
   * @throws IndexOutOfBoundsException for a bad index
   */
  public JsonArray with(int index, JsonValue value) {
    Objects.requireNonNull(value, "value");
    Objects.checkIndex(index, items.length);
    JsonValue[] copy = items.clone();
    copy[index] = value;
    return new JsonArray(copy);
  }

  /**
   * A copy with an item appended.
   *
   * @param value the new item
   * @return the new array
   */
  public JsonArray append(JsonValue value) {
    Objects.requireNonNull(value, "value");
    JsonValue[] copy = Arrays.copyOf(items, items.length + 1);
    copy[items.length] = value;
    return new JsonArray(copy);
  }

  /**
   * A copy without the item at a position.
   *
   * @param index the position
   * @return the new array
   * @throws IndexOutOfBoundsException for a bad index
   */
  public JsonArray without(int index) {
    Objects.checkIndex(index, items.length);
    JsonValue[] copy = new JsonValue[items.length - 1];
    System.arraycopy(items, 0, copy, 0, index);
    System.arraycopy(items, index + 1, copy, index, items.length - index - 1);
    return copy.length == 0 ? EMPTY : new JsonArray(copy);
  }

  @Override
  public long contentHash() {
    long cached = hash;
    if (cached == 0) {
      long h = 0x2545f4914f6cdd1dL ^ items.length;
      for (JsonValue item : items) {
        h = Hashing.combine(h, item.contentHash());
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
    if (!(o instanceof JsonArray other) || other.items.length != items.length) {
      return false;
    }
    if (hash != 0 && other.hash != 0 && hash != other.hash) {
      return false;
    }
    return Arrays.equals(items, other.items);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(contentHash());
  }

  @Override
  public String toString() {
    return toJson();
  }

  /**
   * Collects items for a new {@link JsonArray}. Not thread-safe; single use.
   *
   * @since 0.1
   */
  public static final class Builder {

    private JsonValue[] items = new JsonValue[4];
    private int size;
    private boolean built;

    private Builder() {}

    /**
     * Appends an item.
     *
     * @param value the item
     * @return this builder
     * @throws IllegalStateException if {@link #build()} was already called
     */
    public Builder add(JsonValue value) {
      if (built) {
        throw new IllegalStateException("builder was already built");
      }
      Objects.requireNonNull(value, "value");
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
      return this;
    }

    /**
     * The number of items added so far.
     *
     * @return the count
     */
    public int size() {
      return size;
    }

    /**
     * Builds the array.
     *
     * @return the array
     */
    public JsonArray build() {
      if (built) {
        throw new IllegalStateException("builder was already built");
      }
      built = true;
      if (size == 0) {
        return EMPTY;
      }
      return new JsonArray(size == items.length ? items : Arrays.copyOf(items, size));
    }
  }
}
