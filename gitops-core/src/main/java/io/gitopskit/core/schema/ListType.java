package io.gitopskit.core.schema;

/**
 * How server-side apply merges a list ({@code x-kubernetes-list-type}).
 *
 * @since 0.1
 */
public enum ListType {
  /** The list is one value: an apply replaces it whole. The default when nothing is declared. */
  ATOMIC,
  /** A set of scalars: items are merged by value, each owned separately. */
  SET,
  /** A map keyed by {@link ArrayShape#listMapKeys()}: items are merged by key. */
  MAP;

  static ListType parse(String value) {
    return switch (value) {
      case "atomic" -> ATOMIC;
      case "set" -> SET;
      case "map" -> MAP;
      default -> throw new IllegalArgumentException(
          "must be atomic, set or map, got \"" + value + "\"");
    };
  }
}
