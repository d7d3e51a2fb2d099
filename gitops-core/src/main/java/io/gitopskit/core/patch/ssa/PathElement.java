package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.Objects;

/**
 * One step of a {@link FieldPath}: a field of an object, an item of a map list by its keys, an
 * item of a set list by its value, or (never for apply) an item by position. Ordered by kind in
 * that order, then by name, key, value or index.
 *
 * @since 0.1
 */
public sealed interface PathElement extends Comparable<PathElement>
    permits PathElement.Field, PathElement.Key, PathElement.Value, PathElement.Index {

  /**
   * The fieldsV1 form: {@code f:<name>}, {@code k:<key JSON>}, {@code v:<value JSON>} or
   * {@code i:<index>}.
   *
   * @return the key used in a fieldsV1 trie
   */
  String fieldsV1Key();

  /**
   * Parses the fieldsV1 form.
   *
   * @param key e.g. {@code f:spec} or {@code k:{"name":"web"}}
   * @return the element
   * @throws IllegalArgumentException for an unknown prefix or malformed JSON
   */
  static PathElement parse(String key) {
    if (key.length() < 2 || key.charAt(1) != ':') {
      throw new IllegalArgumentException("fieldsV1 key without a known prefix");
    }
    String rest = key.substring(2);
    switch (key.charAt(0)) {
      case 'f':
        return new Field(rest);
      case 'k':
        if (!(GoJson.parse(rest) instanceof JsonObject o)) {
          throw new IllegalArgumentException("fieldsV1 k: key is not a JSON object");
        }
        return new Key(o);
      case 'v':
        return new Value(GoJson.parse(rest));
      case 'i':
        try {
          return new Index(Integer.parseInt(rest));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("fieldsV1 i: key is not an index", e);
        }
      default:
        throw new IllegalArgumentException("fieldsV1 key with unknown prefix '"
            + key.charAt(0) + "'");
    }
  }

  @Override
  default int compareTo(PathElement other) {
    int byKind = Integer.compare(rank(this), rank(other));
    if (byKind != 0) {
      return byKind;
    }
    if (this instanceof Index a && other instanceof Index b) {
      return Integer.compare(a.index(), b.index());
    }
    if (this instanceof Field a && other instanceof Field b) {
      return a.name().compareTo(b.name());
    }
    return fieldsV1Key().compareTo(other.fieldsV1Key());
  }

  private static int rank(PathElement e) {
    if (e instanceof Field) {
      return 0;
    }
    if (e instanceof Key) {
      return 1;
    }
    return e instanceof Value ? 2 : 3;
  }

  /**
   * A field of an object.
   *
   * @param name the field name
   */
  record Field(String name) implements PathElement {
    /** Validates. */
    public Field {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String fieldsV1Key() {
      return "f:" + name;
    }

    /** {@code .name}, as in the API server's conflict messages. */
    @Override
    public String toString() {
      return "." + name;
    }
  }

  /**
   * An item of a map list ({@code x-kubernetes-list-type: map}), identified by its key fields.
   *
   * @param fields the key fields and their values
   */
  record Key(JsonObject fields) implements PathElement {
    /** Validates. */
    public Key {
      Objects.requireNonNull(fields, "fields");
    }

    @Override
    public String fieldsV1Key() {
      return "k:" + GoJson.write(fields);
    }

    /** {@code [name="web"]} or {@code [containerPort=80,protocol="TCP"]}. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < fields.size(); i++) {
        b.append(i > 0 ? "," : "").append(fields.keyAt(i)).append('=')
            .append(GoJson.display(fields.valueAt(i)));
      }
      return b.append(']').toString();
    }
  }

  /**
   * An item of a set list ({@code x-kubernetes-list-type: set}), identified by its value.
   *
   * @param value the item
   */
  record Value(JsonValue value) implements PathElement {
    /** Validates. */
    public Value {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String fieldsV1Key() {
      return "v:" + GoJson.write(value);
    }

    /** {@code [="example.com/finalizer"]}. */
    @Override
    public String toString() {
      return "[=" + GoJson.display(value) + "]";
    }
  }

  /**
   * An item of an atomic list by position; the API server uses these only for updates of
   * lists without keys, never for apply.
   *
   * @param index the position, from 0
   */
  record Index(int index) implements PathElement {
    /** Validates. */
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("index must be >= 0");
      }
    }

    @Override
    public String fieldsV1Key() {
      return "i:" + index;
    }

    /** {@code [3]}. */
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }
}
